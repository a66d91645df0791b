package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Train and test image data resolved from a source, with the chosen source always reported in
 * {@link #source()} (also in each split's {@link ImageDataset#source()}).
 *
 * <p>Sources:
 *
 * <ul>
 *   <li><b>explicit IDX files</b>: {@code --train-images F --train-labels F --test-images F
 *       --test-labels F [--classes N]} ({@link #fromFiles});
 *   <li><b>{@code fashion-mnist}</b>: the full Fashion-MNIST from the Debian package {@code
 *       dataset-fashion-mnist} in {@value #FASHION_MNIST_DIR_NAME}; when it is not installed, the
 *       embedded subset is used instead and the source says so ({@link #fashionMnistOrEmbedded}). A
 *       folder given with {@code --data-dir DIR} must hold the four files ({@link #fashionMnist});
 *   <li><b>{@code embedded}</b> (alias {@code fashion-mnist-subset}): the Fashion-MNIST subset
 *       shipped as classpath resources in {@code org/odenet4j/data/fashion-mnist-subset/} (6,000
 *       train images, 600 per class; 1,000 test images, 100 per class; see its {@code SOURCE.md})
 *       ({@link #embedded}).
 * </ul>
 *
 * <p>Example source strings: {@code "Fashion-MNIST (Debian dataset-fashion-mnist,
 * /usr/share/datasets/fashion-mnist): 60,000 train, 10,000 test"} and {@code "embedded
 * Fashion-MNIST subset: 6,000 train, 1,000 test"}.
 *
 * @param train training split
 * @param test test split
 * @param source description of the source that was used
 */
public record ImageData(ImageDataset train, ImageDataset test, String source) {

  /** Where Debian's {@code dataset-fashion-mnist} installs the data. */
  public static final String FASHION_MNIST_DIR_NAME = "/usr/share/datasets/fashion-mnist";

  /** {@link #FASHION_MNIST_DIR_NAME} as a path. */
  public static final Path FASHION_MNIST_DIR = Path.of(FASHION_MNIST_DIR_NAME);

  /** Classpath folder of the embedded subset, relative to this class. */
  public static final String EMBEDDED_RESOURCE_DIR = "fashion-mnist-subset/";

  /** Standard IDX file names (as in the Fashion-MNIST and MNIST distributions). */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";

  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  /** Fashion-MNIST class names, by label. */
  public static final List<String> FASHION_MNIST_CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  public ImageData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(source, "source");
    if (train.height() != test.height()
        || train.width() != test.width()
        || train.channels() != test.channels()
        || train.classes() != test.classes()) {
      throw new IllegalArgumentException(
          "test split: expected the training shape " + shapeOf(train) + ", found " + shapeOf(test));
    }
  }

  /**
   * Resolves a named source: {@code fashion-mnist} (full data, falling back to the embedded subset)
   * or {@code embedded} / {@code fashion-mnist-subset}.
   */
  public static ImageData load(String name) throws IOException {
    return isEmbeddedName(checkName(name)) ? embedded() : fashionMnistOrEmbedded(FASHION_MNIST_DIR);
  }

  /** {@code name} if it names a source (Fashion-MNIST or an embedded alias), else an error. */
  private static String checkName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fashion-mnist",
          "fashion_mnist",
          "fashionmnist",
          "embedded",
          "fashion-mnist-subset",
          "subset" ->
          name;
      default ->
          throw new IllegalArgumentException(
              "image data set: expected fashion-mnist or "
                  + "embedded (or --train-images/--train-labels/--test-images/--test-labels), found "
                  + name);
    };
  }

  private static boolean isEmbeddedName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "embedded", "fashion-mnist-subset", "subset" -> true;
      default -> false;
    };
  }

  /**
   * Resolves a source from command-line style arguments: {@code [--data NAME] [--data-dir DIR]
   * [--train-images F --train-labels F --test-images F --test-labels F] [--classes N]}. Explicit
   * files win; otherwise {@code --data} (default {@code fashion-mnist}) picks the named source.
   * {@code --data-dir} replaces the Fashion-MNIST folder and must hold the data (no fallback to the
   * embedded subset). Any other argument is an error.
   */
  public static ImageData fromArgs(String... args) throws IOException {
    FlagPairs flags =
        FlagPairs.parse(
            "image data",
            List.of(
                "--data",
                "--data-dir",
                "--train-images",
                "--train-labels",
                "--test-images",
                "--test-labels",
                "--classes"),
            args);
    String name = flags.text("--data", "fashion-mnist");
    Path dir = flags.path("--data-dir", FASHION_MNIST_DIR);
    Path trainImages = flags.path("--train-images", null);
    Path trainLabels = flags.path("--train-labels", null);
    Path testImages = flags.path("--test-images", null);
    Path testLabels = flags.path("--test-labels", null);
    int classes = flags.integer("--classes", 10);
    int explicit =
        (trainImages != null ? 1 : 0)
            + (trainLabels != null ? 1 : 0)
            + (testImages != null ? 1 : 0)
            + (testLabels != null ? 1 : 0);
    if (explicit == 4) {
      return fromFiles(trainImages, trainLabels, testImages, testLabels, classes);
    }
    if (explicit != 0) {
      throw new IllegalArgumentException(
          "explicit image files: expected all four of "
              + "--train-images, --train-labels, --test-images, --test-labels, found "
              + explicit);
    }
    if (flags.has("--data-dir")) {
      if (isEmbeddedName(checkName(name))) {
        throw new IllegalArgumentException(
            "--data-dir: expected no folder with --data "
                + name
                + " (the embedded subset is built in), found "
                + dir);
      }
      return fashionMnist(dir); // an explicit folder must hold the data: no fallback
    }
    return load(name);
  }

  /** Four explicit IDX files (gzip or plain), one channel. */
  public static ImageData fromFiles(
      Path trainImages, Path trainLabels, Path testImages, Path testLabels, int classes)
      throws IOException {
    ImageDataset train = IdxReader.read(trainImages, trainLabels, classes, "IDX files");
    ImageDataset test = IdxReader.read(testImages, testLabels, classes, "IDX files");
    String source =
        String.format(
            Locale.ROOT,
            "IDX files (train %s + %s, test %s + %s): %,d train, %,d test",
            trainImages,
            trainLabels,
            testImages,
            testLabels,
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  /** The full Fashion-MNIST in {@code dir}; fails if the files are missing. */
  public static ImageData fashionMnist(Path dir) throws IOException {
    List<String> files = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(
          dir.toString(),
          "Fashion-MNIST folder",
          "a folder holding "
              + String.join(", ", files)
              + " (apt-get install dataset-fashion-mnist puts them in "
              + FASHION_MNIST_DIR_NAME
              + ")",
          Files.exists(dir) ? "a file" : "no such folder");
    }
    for (String f : files) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new DataFormatException(
            dir.resolve(f).toString(),
            "file",
            "the Fashion-MNIST file "
                + f
                + " (apt-get install dataset-fashion-mnist puts it in "
                + FASHION_MNIST_DIR_NAME
                + ")",
            "no such file");
      }
    }
    ImageDataset train =
        IdxReader.read(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), 10, "Fashion-MNIST");
    ImageDataset test =
        IdxReader.read(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), 10, "Fashion-MNIST");
    String origin =
        dir.equals(FASHION_MNIST_DIR) ? "Debian dataset-fashion-mnist, " + dir : dir.toString();
    String source =
        String.format(
            Locale.ROOT,
            "Fashion-MNIST (%s): %,d train, %,d test",
            origin,
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  /** Whether the full Fashion-MNIST files are present in {@code dir}. */
  public static boolean isInstalled(Path dir) {
    return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS).stream()
        .allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /**
   * The full Fashion-MNIST in {@code dir} when installed, else the embedded subset with a source
   * that says the full data was not found.
   */
  public static ImageData fashionMnistOrEmbedded(Path dir) throws IOException {
    if (isInstalled(dir)) {
      return fashionMnist(dir);
    }
    ImageData e = embedded();
    String source =
        e.source()
            + " (full Fashion-MNIST not installed at "
            + dir
            + "; apt-get install dataset-fashion-mnist)";
    return withSource(e.train(), e.test(), source);
  }

  /** The embedded Fashion-MNIST subset (classpath resources). */
  public static ImageData embedded() throws IOException {
    ImageDataset train = readResource(TRAIN_IMAGES, TRAIN_LABELS);
    ImageDataset test = readResource(TEST_IMAGES, TEST_LABELS);
    String source =
        String.format(
            Locale.ROOT,
            "embedded Fashion-MNIST subset: %,d train, %,d test",
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  private static ImageDataset readResource(String images, String labels) throws IOException {
    String imagesName = "classpath:org/odenet4j/data/" + EMBEDDED_RESOURCE_DIR + images;
    String labelsName = "classpath:org/odenet4j/data/" + EMBEDDED_RESOURCE_DIR + labels;
    IdxReader.Images im;
    int[] lab;
    try (InputStream in = open(images, imagesName)) {
      im = IdxReader.readImages(in, imagesName);
    }
    try (InputStream in = open(labels, labelsName)) {
      lab = IdxReader.readLabels(in, labelsName, 10);
    }
    return IdxReader.pair(im, imagesName, lab, labelsName, 10, "embedded");
  }

  private static InputStream open(String file, String name) throws IOException {
    InputStream in = ImageData.class.getResourceAsStream(EMBEDDED_RESOURCE_DIR + file);
    if (in == null) {
      throw new IOException(
          "embedded Fashion-MNIST subset: expected resource "
              + name
              + ", found none on the classpath");
    }
    return in;
  }

  private static ImageData withSource(ImageDataset train, ImageDataset test, String source) {
    ImageDataset tr =
        new ImageDataset(
            train.pixels(),
            train.labels(),
            train.height(),
            train.width(),
            train.channels(),
            train.classes(),
            source + " [train]");
    ImageDataset te =
        new ImageDataset(
            test.pixels(),
            test.labels(),
            test.height(),
            test.width(),
            test.channels(),
            test.classes(),
            source + " [test]");
    return new ImageData(tr, te, source);
  }

  private static String shapeOf(ImageDataset d) {
    return d.height() + "x" + d.width() + "x" + d.channels() + " with " + d.classes() + " classes";
  }
}
