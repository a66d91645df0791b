package org.odenet4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where images come from, as a value: the embedded Fashion-MNIST subset, the full Fashion-MNIST in
 * a folder, or four explicit IDX files. {@link ImageData#load} reads it.
 */
public sealed interface ImageSource {

  /**
   * The Fashion-MNIST subset shipped as classpath resources ({@link
   * ImageData#EMBEDDED_RESOURCE_DIR}).
   */
  record Embedded() implements ImageSource {}

  /**
   * The full Fashion-MNIST (the four standard files of {@link ImageData}) in {@code dir}.
   *
   * @param dir the folder
   * @param fallbackToEmbedded when the files are not all there: true reads the embedded subset
   *     instead (and the source says so), false fails
   */
  record FashionMnist(Path dir, boolean fallbackToEmbedded) implements ImageSource {
    public FashionMnist {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /**
   * Four explicit IDX files (gzip or plain), one channel.
   *
   * @param trainImages training images
   * @param trainLabels training labels
   * @param testImages test images
   * @param testLabels test labels
   * @param classes number of classes (every label is below it), 1..256
   */
  record IdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels, int classes)
      implements ImageSource {
    public IdxFiles {
      int given =
          (trainImages != null ? 1 : 0)
              + (trainLabels != null ? 1 : 0)
              + (testImages != null ? 1 : 0)
              + (testLabels != null ? 1 : 0);
      if (given != 4) {
        throw new IllegalArgumentException(
            "explicit image files: expected all four of train images, train labels,"
                + " test images, test labels, found "
                + given);
      }
      if (classes < 1 || classes > 256) {
        throw new IllegalArgumentException("classes: expected 1..256, found " + classes);
      }
    }
  }

  /**
   * The name of each label, in label order: Fashion-MNIST's ten for the embedded subset and the
   * full set; none (empty) for explicit IDX files, whose labels carry no names.
   */
  default List<String> classNames() {
    return this instanceof IdxFiles ? List.of() : ImageData.FASHION_MNIST_CLASSES;
  }

  /** The embedded Fashion-MNIST subset. */
  static ImageSource embedded() {
    return new Embedded();
  }

  /**
   * The full Fashion-MNIST where Debian's {@code dataset-fashion-mnist} installs it ({@link
   * ImageData#FASHION_MNIST_DIR}), falling back to the embedded subset when it is not installed.
   */
  static ImageSource fashionMnist() {
    return new FashionMnist(ImageData.FASHION_MNIST_DIR, true);
  }

  /**
   * The full Fashion-MNIST in {@code dir}, falling back to the embedded subset when it is not
   * there.
   */
  static ImageSource fashionMnistOrEmbedded(Path dir) {
    return new FashionMnist(dir, true);
  }

  /** The full Fashion-MNIST in {@code dir}, which must hold the four files (no fallback). */
  static ImageSource fashionMnistIn(Path dir) {
    return new FashionMnist(dir, false);
  }

  /** Four explicit IDX files with labels {@code 0..classes-1}. */
  static ImageSource idxFiles(
      Path trainImages, Path trainLabels, Path testImages, Path testLabels, int classes) {
    return new IdxFiles(trainImages, trainLabels, testImages, testLabels, classes);
  }

  /**
   * A named source: {@code fashion-mnist} (aliases {@code fashion_mnist}, {@code fashionmnist};
   * {@link #fashionMnist()}) or {@code embedded} (aliases {@code fashion-mnist-subset}, {@code
   * subset}), case-insensitive.
   */
  static ImageSource named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fashion-mnist", "fashion_mnist", "fashionmnist" -> fashionMnist();
      case "embedded", "fashion-mnist-subset", "subset" -> embedded();
      default ->
          throw new IllegalArgumentException(
              "image data set: expected fashion-mnist or "
                  + "embedded (or --train-images/--train-labels/--test-images/--test-labels), found "
                  + name);
    };
  }
}
