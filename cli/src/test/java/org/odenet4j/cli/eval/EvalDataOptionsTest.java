package org.odenet4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.data.CorpusFormat;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.ImageSource;
import org.odenet4j.data.TagScheme;
import org.odenet4j.data.TaggingData;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.data.TaggingOptions;
import org.odenet4j.data.TaggingSource;
import org.odenet4j.data.Vocabulary;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;

class EvalDataOptionsTest {

  /**
   * A tagger's named test data is encoded from its words with the model's vocabulary: a model whose
   * vocabulary was built with min count 1 gets exactly the ids that encoding with that vocabulary
   * gives, including words the data's default (min count 2) vocabulary would turn into {@code
   * <unk>}.
   */
  @Test
  void namedTaggingDataIsEncodedWithTheModelsVocabulary(@TempDir Path dir) throws Exception {
    TaggingData min1 = TaggingData.embedded(new TaggingOptions(40, 1, true, null));
    Path assets = Files.createDirectories(dir.resolve("assets.extra"));
    min1.vocabulary().save(assets.resolve(EvalDataOptions.VOCABULARY_ASSET));
    min1.tagSet().save(assets.resolve(EvalDataOptions.TAGS_ASSET));
    TaggerModelSpec spec =
        new TaggerModelSpec(
            min1.vocabulary().size(),
            min1.tagSet().size(),
            40,
            8,
            1,
            8,
            "elu",
            OdeBlockSpec.of("piecewise_constant:1", 1));
    EvalDataOptions options = new EvalDataOptions();
    options.data = "embedded";

    TaggingDataset test = options.sentences(dir, spec);

    assertThat(test.tokens()).isEqualTo(min1.test().tokens());
    assertThat(test.tags()).isEqualTo(min1.test().tags());
    assertThat(test.source()).isEqualTo(min1.test().source());
    // the case that matters: some test words are known to the model but not to a min-count-2
    // vocabulary
    int[] min2 = TaggingData.embedded(new TaggingOptions(40, 2, true, null)).test().tokens();
    long onlyInTheModel = 0;
    for (int k = 0; k < min2.length; k++) {
      if (min2[k] == Vocabulary.UNK && test.tokens()[k] != Vocabulary.UNK && test.mask()[k] != 0f) {
        onlyInTheModel++;
      }
    }
    assertThat(onlyInTheModel).isPositive();
  }

  @Test
  void imagesMustHaveTheModelsShapeAndClasses() {
    ImageModelSpec spec =
        ImageModelSpec.of(2, 2, 1, 2, 3, OdeBlockSpec.of("piecewise_constant:1", 1));
    ImageDataset fits = new ImageDataset(new byte[3 * 4], new int[] {0, 2, 1}, 2, 2, 1, 10, "d");
    EvalDataOptions.checkImages(fits, spec, "the model's input", "the model's 3 classes");
    ImageDataset large = new ImageDataset(new byte[3 * 9], new int[] {0, 2, 1}, 3, 3, 1, 10, "big");
    assertThatThrownBy(
            () -> EvalDataOptions.checkImages(large, spec, "--input 2x2x1", "--classes 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("big: images: expected 2x2x1 (--input 2x2x1), found 3x3x1");
    ImageDataset labels =
        new ImageDataset(new byte[4 * 4], new int[] {0, 4, 7, 7}, 2, 2, 1, 10, "ten");
    assertThatThrownBy(
            () ->
                EvalDataOptions.checkImages(
                    labels, spec, "the model's input", "the model's 3 classes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ten: labels: expected 0..2 (the model's 3 classes), found label 7 (image 2)");
  }

  /**
   * The image flags become typed sources: the named data set, a folder that must hold it, or four
   * IDX files.
   */
  @Test
  void imageFlagsBuildTheImageSource(@TempDir Path dir) {
    EvalDataOptions o = new EvalDataOptions();
    assertThat(o.imageSource(null, null, 10)).isEqualTo(ImageSource.fashionMnist());
    o.data = "Embedded";
    assertThat(o.imageSource(null, null, 10)).isEqualTo(ImageSource.embedded());
    o.data = "fashion-mnist";
    o.dataDir = dir;
    assertThat(o.imageSource(null, null, 10)).isEqualTo(new ImageSource.FashionMnist(dir, false));
    o.testImages = dir.resolve("ti");
    o.testLabels = dir.resolve("tl");
    assertThat(o.imageSource(dir.resolve("i"), dir.resolve("l"), 3))
        .isEqualTo(
            new ImageSource.IdxFiles(
                dir.resolve("i"), dir.resolve("l"), dir.resolve("ti"), dir.resolve("tl"), 3));
  }

  /**
   * Moved from the data module's ImageDataTest (flag combinations are checked where the flags are
   * parsed).
   */
  @Test
  void imageFlagErrors(@TempDir Path partial) {
    EvalDataOptions o = new EvalDataOptions();
    o.data = "embedded";
    o.dataDir = partial;
    assertThatThrownBy(() -> o.imageSource(null, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--data-dir: expected no folder with --data embedded (the embedded subset is built in), found "
                + partial);
    o.data = "cifar-10";
    assertThatThrownBy(() -> o.imageSource(null, null, 10)).hasMessageEndingWith("found cifar-10");
    EvalDataOptions train = new EvalDataOptions();
    assertThatThrownBy(() -> train.imageSource(Path.of("a"), null, 10))
        .hasMessage(
            "explicit image files: expected all four of --train-images, --train-labels,"
                + " --test-images, --test-labels, found 1");
    train.format = "brown";
    assertThatThrownBy(() -> train.imageSource(null, null, 10))
        .hasMessage(
            "data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
  }

  /** The tagging flags become typed sources and options. */
  @Test
  void taggingFlagsBuildTheTaggingSourceAndOptions(@TempDir Path dir) {
    EvalDataOptions o = new EvalDataOptions();
    assertThat(o.taggingSource(null, null)).isEqualTo(TaggingSource.brown());
    assertThat(o.taggingOptions(40, 1)).isEqualTo(new TaggingOptions(40, 1, true, null));
    o.data = "brown-subset";
    assertThat(o.taggingSource(null, null)).isEqualTo(TaggingSource.embedded());
    o.data = "brown";
    o.dataDir = dir;
    assertThat(o.taggingSource(null, null)).isEqualTo(new TaggingSource.Brown(dir, false));
    o.tagScheme = "RAW";
    assertThat(o.taggingOptions(64, 2)).isEqualTo(new TaggingOptions(64, 2, true, TagScheme.RAW));
    o.testText = dir.resolve("test");
    o.format = "CoNLL2";
    assertThat(o.taggingSource(dir.resolve("train"), null))
        .isEqualTo(
            new TaggingSource.TextFiles(
                dir.resolve("train"), null, dir.resolve("test"), CorpusFormat.CONLL2));
    assertThat(o.taggingSource(dir.resolve("train"), dir.resolve("dev")))
        .isEqualTo(
            new TaggingSource.TextFiles(
                dir.resolve("train"),
                dir.resolve("dev"),
                dir.resolve("test"),
                CorpusFormat.CONLL2));
    o.format = "Brown";
    assertThat(((TaggingSource.TextFiles) o.taggingSource(dir.resolve("train"), null)).format())
        .isEqualTo(CorpusFormat.BROWN);
  }

  /**
   * Moved from the data module's TaggingDataTest (flag values and combinations are checked where
   * parsed).
   */
  @Test
  void taggingFlagErrors(@TempDir Path missing) {
    EvalDataOptions o = new EvalDataOptions();
    assertThatThrownBy(() -> o.taggingSource(Path.of("x"), null))
        .hasMessage(
            "explicit tagging files: expected --train-text, --test-text and --format "
                + "(--dev-text optional), found --train-text");
    o.tagScheme = "penn";
    assertThatThrownBy(() -> o.taggingOptions(64, 2))
        .hasMessage("--tag-scheme: expected universal or raw, found penn");
    o.tagScheme = null;
    assertThatThrownBy(() -> o.taggingOptions(64, 0))
        .hasMessage("minCount: expected >= 1, found 0");
    o.data = "conll2003";
    assertThatThrownBy(() -> o.taggingSource(null, null)).hasMessageEndingWith("found conll2003");
    o.data = "embedded";
    o.dataDir = missing;
    assertThatThrownBy(() -> o.taggingSource(null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--data-dir: expected no folder with --data embedded (the embedded subset is built in), found "
                + missing);
    EvalDataOptions files = new EvalDataOptions();
    files.testText = Path.of("t");
    files.format = "XML";
    assertThatThrownBy(() -> files.taggingSource(Path.of("x"), null))
        .hasMessage("--format: expected brown or conll2, found xml");
    files.testLabels = Path.of("l");
    assertThatThrownBy(() -> files.taggingOptions(64, 2))
        .hasMessage(
            "data flags: expected tagging flags for a tagger, found --test-images/--test-labels");
  }

  /**
   * A data flag without its value, or an unknown one, is a usage error that picocli reports (the
   * data module no longer parses flags): one line naming the flag, exit 2, nothing on stdout.
   */
  @Test
  void malformedDataFlagsAreUsageErrors(@TempDir Path dir) {
    String model = dir.toString();
    assertThat(Cli.run("eval", model, "--data").usageError())
        .isEqualTo("--data: expected NAME, found nothing (see 'odenet eval --help')");
    assertThat(Cli.run("eval", model, "--data-dir").usageError())
        .isEqualTo("--data-dir: expected DIR, found nothing (see 'odenet eval --help')");
    for (String[] unknown :
        new String[][] {{"--bogus", "a"}, {"--zzz", "1"}, {"--lowercase", "yes"}}) {
      Cli.Result r = Cli.run("eval", model, unknown[0], unknown[1]);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines().toList())
          .containsExactly(
              "odenet: error: Unknown options: '"
                  + unknown[0]
                  + "', '"
                  + unknown[1]
                  + "' (see 'odenet eval --help')");
    }
  }
}
