package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads an {@link ImageSource} into {@link ImageData}, describing the source in every split:
 * explicit IDX files, the full Fashion-MNIST in a folder (which must hold the four files unless
 * falling back to the embedded subset is allowed), or the embedded subset.
 */
final class ImageDataReader {
  private ImageDataReader() {}

  static ImageData read(ImageSource source) throws IOException {
    if (source instanceof ImageSource.IdxFiles f) {
      return files(f);
    }
    if (source instanceof ImageSource.FashionMnist f) {
      return f.fallbackToEmbedded() ? fashionMnistOrEmbedded(f.dir()) : fashionMnist(f.dir());
    }
    Objects.requireNonNull(source, "source");
    return embedded();
  }

  private static ImageData files(ImageSource.IdxFiles f) throws IOException {
    ImageDataset train = IdxReader.read(f.trainImages(), f.trainLabels(), f.classes(), "IDX files");
    ImageDataset test = IdxReader.read(f.testImages(), f.testLabels(), f.classes(), "IDX files");
    String source =
        String.format(
            Locale.ROOT,
            "IDX files (train %s + %s, test %s + %s): %,d train, %,d test",
            f.trainImages(),
            f.trainLabels(),
            f.testImages(),
            f.testLabels(),
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  private static ImageData fashionMnist(Path dir) throws IOException {
    List<String> files = ImageData.FILES;
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(
          dir.toString(),
          "Fashion-MNIST folder",
          "a folder holding "
              + String.join(", ", files)
              + " (apt-get install dataset-fashion-mnist puts them in "
              + ImageData.FASHION_MNIST_DIR_NAME
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
                + ImageData.FASHION_MNIST_DIR_NAME
                + ")",
            "no such file");
      }
    }
    ImageDataset train =
        IdxReader.read(
            dir.resolve(ImageData.TRAIN_IMAGES),
            dir.resolve(ImageData.TRAIN_LABELS),
            10,
            "Fashion-MNIST");
    ImageDataset test =
        IdxReader.read(
            dir.resolve(ImageData.TEST_IMAGES),
            dir.resolve(ImageData.TEST_LABELS),
            10,
            "Fashion-MNIST");
    String origin =
        dir.equals(ImageData.FASHION_MNIST_DIR)
            ? "Debian dataset-fashion-mnist, " + dir
            : dir.toString();
    String source =
        String.format(
            Locale.ROOT,
            "Fashion-MNIST (%s): %,d train, %,d test",
            origin,
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  private static ImageData fashionMnistOrEmbedded(Path dir) throws IOException {
    if (ImageData.isInstalled(dir)) {
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

  private static ImageData embedded() throws IOException {
    ImageDataset train = readResource(ImageData.TRAIN_IMAGES, ImageData.TRAIN_LABELS);
    ImageDataset test = readResource(ImageData.TEST_IMAGES, ImageData.TEST_LABELS);
    String source =
        String.format(
            Locale.ROOT,
            "embedded Fashion-MNIST subset: %,d train, %,d test",
            train.size(),
            test.size());
    return withSource(train, test, source);
  }

  private static ImageDataset readResource(String images, String labels) throws IOException {
    String imagesName = "classpath:org/odenet4j/data/" + ImageData.EMBEDDED_RESOURCE_DIR + images;
    String labelsName = "classpath:org/odenet4j/data/" + ImageData.EMBEDDED_RESOURCE_DIR + labels;
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
    InputStream in =
        ImageDataReader.class.getResourceAsStream(ImageData.EMBEDDED_RESOURCE_DIR + file);
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
}
