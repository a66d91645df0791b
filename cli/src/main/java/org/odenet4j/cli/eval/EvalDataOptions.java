package org.odenet4j.cli.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odenet4j.data.IdxReader;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TagSet;
import org.odenet4j.data.TaggedSentence;
import org.odenet4j.data.TaggingData;
import org.odenet4j.data.TaggingDataset;
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

  /**
   * The given image flags as {@code ImageData.fromArgs} arguments (train commands add their own).
   */
  public List<String> imageArgs() {
    if (testText != null || format != null || tagScheme != null) {
      throw new IllegalArgumentException(
          "data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
    }
    List<String> args = new ArrayList<>();
    add(args, "--data", data);
    add(args, "--data-dir", dataDir);
    add(args, "--test-images", testImages);
    add(args, "--test-labels", testLabels);
    return args;
  }

  /**
   * The given tagging flags as {@code TaggingData.fromArgs} arguments (train commands add their
   * own).
   */
  public List<String> taggingArgs() {
    if (testImages != null || testLabels != null) {
      throw new IllegalArgumentException(
          "data flags: expected tagging flags for a tagger, found --test-images/--test-labels");
    }
    List<String> args = new ArrayList<>();
    add(args, "--data", data);
    add(args, "--data-dir", dataDir);
    add(args, "--test-text", testText);
    add(args, "--format", format);
    add(args, "--tag-scheme", tagScheme);
    return args;
  }

  /** Appends {@code flag value} when the value was given. */
  public static void add(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(value.toString());
    }
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
    if (testText != null || format != null || tagScheme != null) {
      throw new IllegalArgumentException(
          "data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
    }
    if (testImages != null || testLabels != null) {
      if (testImages == null || testLabels == null) {
        throw new IllegalArgumentException(
            "explicit test files: expected both --test-images and --test-labels, found only "
                + (testImages != null ? "--test-images" : "--test-labels"));
      }
      return IdxReader.read(
          testImages, testLabels, classes, "IDX files (" + testImages + " + " + testLabels + ")");
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--data",
                data == null ? "fashion-mnist" : data,
                "--classes",
                Integer.toString(classes)));
    if (dataDir != null) {
      args.addAll(List.of("--data-dir", dataDir.toString()));
    }
    return ImageData.fromArgs(args.toArray(String[]::new)).test();
  }

  TaggingDataset sentences(Path modelDir, TaggerModelSpec spec) throws IOException {
    if (testImages != null || testLabels != null) {
      throw new IllegalArgumentException(
          "data flags: expected tagging flags for a tagger, found --test-images/--test-labels");
    }
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
      List<TaggedSentence> sentences =
          TaggingData.readSentences(
              testText,
              format.toLowerCase(java.util.Locale.ROOT),
              tagScheme == null ? null : TaggingData.tagScheme(tagScheme));
      return TaggingDataset.encode(
          sentences,
          vocabulary,
          tags,
          spec.maxLength(),
          String.format(
              java.util.Locale.ROOT,
              "%s file %s: %,d sentences",
              format,
              testText,
              sentences.size()));
    }
    // the words of the test split, encoded with the model's vocabulary (not with one built on this
    // data's training split, whose cut-off may differ from the model's)
    List<String> args = new ArrayList<>(List.of("--data", data == null ? "brown" : data));
    add(args, "--data-dir", dataDir);
    add(args, "--tag-scheme", tagScheme);
    TaggingData.Corpus corpus = TaggingData.corpusFromArgs(args.toArray(String[]::new));
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
