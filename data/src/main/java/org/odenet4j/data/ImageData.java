package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Train and test image data resolved from a source, with the chosen source always reported in
 * {@link #source()} (also in each split's {@link ImageDataset#source()}).
 *
 * <p>Sources ({@link ImageSource}, read by {@link #load}):
 *
 * <ul>
 *   <li><b>explicit IDX files</b> ({@link ImageSource#idxFiles});
 *   <li><b>{@code fashion-mnist}</b>: the full Fashion-MNIST from the Debian package {@code
 *       dataset-fashion-mnist} in {@value #FASHION_MNIST_DIR_NAME}; when it is not installed, the
 *       embedded subset is used instead and the source says so ({@link ImageSource#fashionMnist()},
 *       {@link ImageSource#fashionMnistOrEmbedded}). A folder given with {@link
 *       ImageSource#fashionMnistIn} must hold the four files;
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

  /** The four standard files, in the order train images, train labels, test images, test labels. */
  public static final List<String> FILES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

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

  /** Reads {@code source}, describing it in {@link #source()} and in each split's source. */
  public static ImageData load(ImageSource source) throws IOException {
    return ImageDataReader.read(source);
  }

  /** The embedded Fashion-MNIST subset (classpath resources). */
  public static ImageData embedded() throws IOException {
    return load(ImageSource.embedded());
  }

  /** Whether the full Fashion-MNIST files are present in {@code dir}. */
  public static boolean isInstalled(Path dir) {
    return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  private static String shapeOf(ImageDataset d) {
    return d.height() + "x" + d.width() + "x" + d.channels() + " with " + d.classes() + " classes";
  }
}
