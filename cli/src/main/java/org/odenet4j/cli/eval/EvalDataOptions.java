package org.odenet4j.cli.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.odenet4j.data.CorpusFormat;
import org.odenet4j.data.IdxReader;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.ImageSource;
import org.odenet4j.data.TagScheme;
import org.odenet4j.data.TagSet;
import org.odenet4j.data.TaggedCorpus;
import org.odenet4j.data.TaggedCorpusReader;
import org.odenet4j.data.TaggedSentence;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.data.TaggingOptions;
import org.odenet4j.data.TaggingSource;
import org.odenet4j.data.Vocabulary;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.savedmodel.Manifest;
import picocli.CommandLine.Option;

/**
 * The test-data flags shared by {@code odenet eval} and {@code odenet compress}: an image model
 * reads {@code --test-images F --test-labels F} or the test split of {@code --data NAME}
 * (fashion-mnist, falling back to the embedded subset when not installed; a {@code --data-dir} must
 * hold the data), checked against the model's input shape and classes; a tagger reads {@code
 * --test-text F --format brown|conll2} or the test split of {@code --data brown}, whose words are
 * encoded with the model's own vocabulary and tag set ({@code assets.extra/vocabulary.txt}, {@code
 * tags.txt}).
 */
public final class EvalDataOptions {
  /** The tagger vocabulary asset saved with a model. */
  public static final String VOCABULARY_ASSET = "vocabulary.txt";

  /** The tagger tag-set asset saved with a model. */
  public static final String TAGS_ASSET = "tags.txt";

  @Option(
      names = "--data",
      paramLabel = "NAME",
      description = "fashion-mnist, embedded (images); brown, embedded (taggers).")
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder of the named data set; it must hold the data (without this flag: the default folder, else the embedded subset).")
  Path dataDir;

  @Option(names = "--test-images", paramLabel = "FILE", description = "IDX images (gzip or plain).")
  Path testImages;

  @Option(names = "--test-labels", paramLabel = "FILE", description = "IDX labels (gzip or plain).")
  Path testLabels;

  @Option(
      names = "--test-text",
      paramLabel = "FILE",
      description = "Tagged sentences (see --format).")
  Path testText;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "brown (word/tag tokens) or conll2 (token TAB tag).")
  String format;

  @Option(
      names = "--tag-scheme",
      paramLabel = "S",
      description = "universal or raw tags (default: universal for brown, raw for conll2).")
  String tagScheme;

  /** Whether any data flag was given. */
  public boolean given() {
    return data != null
        || dataDir != null
        || testImages != null
        || testLabels != null
        || testText != null
        || format != null;
  }

  /** Whether explicit test images were given ({@code --test-images}). */
  public boolean hasTestImages() {
    return testImages != null;
  }

  /**
   * The image source of the given flags plus a train command's {@code --train-images} and {@code
   * --train-labels} ({@code null} when not given): the four explicit IDX files with {@code classes}
   * when all four are given, else the named data set ({@link #namedImageSource}).
   */
  public ImageSource imageSource(Path trainImages, Path trainLabels, int classes) {
    requireImageFlags();
    int explicit =
        (trainImages != null ? 1 : 0)
            + (trainLabels != null ? 1 : 0)
            + (testImages != null ? 1 : 0)
            + (testLabels != null ? 1 : 0);
    if (explicit == 4) {
      return ImageSource.idxFiles(trainImages, trainLabels, testImages, testLabels, classes);
    }
    if (explicit != 0) {
      throw new IllegalArgumentException(
          "explicit image files: expected all four of "
              + "--train-images, --train-labels, --test-images, --test-labels, found "
              + explicit);
    }
    return namedImageSource();
  }

  /**
   * {@code --data} (default fashion-mnist, falling back to the embedded subset when not installed);
   * with {@code --data-dir} the full data set read from that folder, which must hold it.
   */
  ImageSource namedImageSource() {
    String name = data == null ? "fashion-mnist" : data;
    ImageSource named = ImageSource.named(name);
    if (dataDir == null) {
      return named;
    }
    if (named instanceof ImageSource.Embedded) {
      throw embeddedWithFolder(name);
    }
    return ImageSource.fashionMnistIn(
        dataDir); // an explicit folder must hold the data: no fallback
  }

  /**
   * The encoding options of the given {@code --tag-scheme} with a train command's max length and
   * min count.
   */
  public TaggingOptions taggingOptions(int maxLength, int minCount) {
    requireTaggingFlags();
    return TaggingOptions.builder()
        .maxLength(maxLength)
        .minCount(minCount)
        .tagScheme(tagScheme == null ? null : tagScheme(tagScheme))
        .build();
  }

  /**
   * The tagging source of the given flags plus a train command's {@code --train-text} and {@code
   * --dev-text} ({@code null} when not given): explicit files when any file or {@code --format} is
   * given (then {@code --train-text}, {@code --test-text} and {@code --format} are required), else
   * the named data set ({@link #namedTaggingSource}).
   */
  public TaggingSource taggingSource(Path trainText, Path devText) {
    requireTaggingFlags();
    if (trainText != null || testText != null || devText != null || format != null) {
      if (trainText == null || testText == null || format == null) {
        throw new IllegalArgumentException(
            "explicit tagging files: expected --train-text, "
                + "--test-text and --format (--dev-text optional), found"
                + (trainText == null ? "" : " --train-text")
                + (devText == null ? "" : " --dev-text")
                + (testText == null ? "" : " --test-text")
                + (format == null ? "" : " --format"));
      }
      return TaggingSource.files(trainText, devText, testText, corpusFormat(format));
    }
    return namedTaggingSource();
  }

  /**
   * {@code --data} (default brown, falling back to the embedded subset when not installed); with
   * {@code --data-dir} the Brown corpus installed under that folder, which must hold it.
   */
  TaggingSource namedTaggingSource() {
    String name = data == null ? "brown" : data;
    TaggingSource named = TaggingSource.named(name);
    if (dataDir == null) {
      return named;
    }
    if (named instanceof TaggingSource.Embedded) {
      throw embeddedWithFolder(name);
    }
    return TaggingSource.brownIn(dataDir); // an explicit folder must hold the corpus: no fallback
  }

  private IllegalArgumentException embeddedWithFolder(String name) {
    return new IllegalArgumentException(
        "--data-dir: expected no folder with --data "
            + name
            + " (the embedded subset is built in), found "
            + dataDir);
  }

  private void requireImageFlags() {
    if (testText != null || format != null || tagScheme != null) {
      throw new IllegalArgumentException(
          "data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
    }
  }

  private void requireTaggingFlags() {
    if (testImages != null || testLabels != null) {
      throw new IllegalArgumentException(
          "data flags: expected tagging flags for a tagger, found --test-images/--test-labels");
    }
  }

  /** A {@code --tag-scheme} value: universal or raw, case-insensitive. */
  static TagScheme tagScheme(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "universal" -> TagScheme.UNIVERSAL;
      case "raw" -> TagScheme.RAW;
      default ->
          throw new IllegalArgumentException(
              "--tag-scheme: expected universal or raw, found " + value);
    };
  }

  /** A {@code --format} value: brown or conll2, case-insensitive. */
  static CorpusFormat corpusFormat(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return switch (v) {
      case "brown" -> CorpusFormat.BROWN;
      case "conll2" -> CorpusFormat.CONLL2;
      default ->
          throw new IllegalArgumentException("--format: expected brown or conll2, found " + v);
    };
  }

  /** The test split for the model in {@code modelDir} (whose manifest says what it is). */
  public EvaluationData load(Path modelDir, Manifest manifest) {
    ModelSpec spec = manifest.spec();
    if (spec == null) {
      throw new IllegalArgumentException(
          modelDir.resolve(Manifest.PATH)
              + ": model_spec: expected an odenet4j model spec to know the input, found none (custom graph)");
    }
    try {
      if (spec instanceof ImageModelSpec image) {
        ImageDataset d = images(image.classes());
        checkImages(d, image, "the model's input", "the model's " + image.classes() + " classes");
        return new EvaluationData.Images(d);
      }
      return new EvaluationData.Sentences(sentences(modelDir, (TaggerModelSpec) spec));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private ImageDataset images(int classes) throws IOException {
    requireImageFlags();
    if (testImages != null || testLabels != null) {
      if (testImages == null || testLabels == null) {
        throw new IllegalArgumentException(
            "explicit test files: expected both --test-images and --test-labels, found only "
                + (testImages != null ? "--test-images" : "--test-labels"));
      }
      return IdxReader.read(
          testImages, testLabels, classes, "IDX files (" + testImages + " + " + testLabels + ")");
    }
    return ImageData.load(namedImageSource()).test();
  }

  TaggingDataset sentences(Path modelDir, TaggerModelSpec spec) throws IOException {
    requireTaggingFlags();
    Path vocabFile = modelDir.resolve("assets.extra").resolve(VOCABULARY_ASSET);
    Path tagsFile = modelDir.resolve("assets.extra").resolve(TAGS_ASSET);
    for (Path f : List.of(vocabFile, tagsFile)) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException(
            f + ": expected the tagger's saved vocabulary and tag set, found no such file");
      }
    }
    Vocabulary vocabulary = Vocabulary.load(vocabFile);
    TagSet tags = TagSet.load(tagsFile);
    if (testText != null || format != null) {
      if (testText == null || format == null) {
        throw new IllegalArgumentException(
            "explicit test file: expected --test-text and --format, found only "
                + (testText != null ? "--test-text" : "--format"));
      }
      TagScheme scheme = tagScheme == null ? null : tagScheme(tagScheme);
      List<TaggedSentence> sentences =
          TaggedCorpusReader.readFile(testText, corpusFormat(format), scheme);
      return TaggingDataset.encode(
          sentences,
          vocabulary,
          tags,
          spec.maxLength(),
          String.format(
              Locale.ROOT, "%s file %s: %,d sentences", format, testText, sentences.size()));
    }
    // the words of the test split, encoded with the model's vocabulary (not with one built on this
    // data's training split, whose cut-off may differ from the model's)
    TaggingOptions options =
        TaggingOptions.builder().tagScheme(tagScheme == null ? null : tagScheme(tagScheme)).build();
    TaggedCorpus corpus = TaggedCorpusReader.read(namedTaggingSource(), options);
    return TaggingDataset.encode(
        corpus.test(), vocabulary, tags, spec.maxLength(), corpus.source() + " [test]");
  }

  /**
   * Checks that images fit an image model, before any work: their shape is the model's input and
   * every label is one of its classes. {@code input} and {@code classes} say where the model's
   * numbers come from (e.g. {@code "the model's input"}, {@code "--classes 5"}).
   *
   * @throws IllegalArgumentException naming the data source, the field, the expected and the found
   *     value
   */
  public static void checkImages(
      ImageDataset d, ImageModelSpec spec, String input, String classes) {
    List<Integer> found = List.of(d.height(), d.width(), d.channels());
    if (!found.equals(spec.input())) {
      throw new IllegalArgumentException(
          d.source()
              + ": images: expected "
              + dims(spec.input())
              + " ("
              + input
              + "), found "
              + dims(found));
    }
    int[] labels = d.labels();
    int largest = 0;
    for (int i = 1; i < labels.length; i++) {
      if (labels[i] > labels[largest]) {
        largest = i;
      }
    }
    if (labels.length > 0 && labels[largest] >= spec.classes()) {
      throw new IllegalArgumentException(
          d.source()
              + ": labels: expected 0.."
              + (spec.classes() - 1)
              + " ("
              + classes
              + "), found label "
              + labels[largest]
              + " (image "
              + largest
              + ")");
    }
  }

  /** {@code HxWxC}. */
  public static String dims(List<Integer> hwc) {
    return hwc.get(0) + "x" + hwc.get(1) + "x" + hwc.get(2);
  }
}
