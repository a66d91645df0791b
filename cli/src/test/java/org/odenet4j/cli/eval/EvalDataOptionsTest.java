package org.odenet4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TaggingData;
import org.odenet4j.data.TaggingDataset;
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
    TaggingData min1 = TaggingData.embedded(new TaggingData.Options(40, 1, true, null));
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
    int[] min2 = TaggingData.embedded(new TaggingData.Options(40, 2, true, null)).test().tokens();
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
}
