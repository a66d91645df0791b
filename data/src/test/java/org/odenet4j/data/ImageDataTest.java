package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {

  private static ImageData embedded;

  @TempDir Path dir;

  @BeforeAll
  static void loadEmbedded() throws IOException {
    embedded = ImageData.embedded();
  }

  @Test
  void embeddedSubsetHas6000And1000ImagesStratified() {
    assertThat(embedded.source())
        .isEqualTo("embedded Fashion-MNIST subset: 6,000 train, 1,000 test");
    assertThat(embedded.train().size()).isEqualTo(6_000);
    assertThat(embedded.test().size()).isEqualTo(1_000);
    assertThat(embedded.train().classCounts()).containsOnly(600);
    assertThat(embedded.train().classCounts()).hasSize(10);
    assertThat(embedded.test().classCounts()).containsOnly(100);
    assertThat(embedded.train().height()).isEqualTo(28);
    assertThat(embedded.train().width()).isEqualTo(28);
    assertThat(embedded.train().channels()).isEqualTo(1);
    assertThat(embedded.train().source()).startsWith(embedded.source());
    // the first Fashion-MNIST training image is an ankle boot
    assertThat(embedded.train().labels()[0]).isEqualTo(9);
    assertThat(ImageData.FASHION_MNIST_CLASSES.get(9)).isEqualTo("Ankle boot");
  }

  @Test
  void embeddedByNameAndAlias() throws IOException {
    assertThat(ImageData.load(ImageSource.named("embedded")).source()).isEqualTo(embedded.source());
    assertThat(ImageData.load(ImageSource.named("fashion-mnist-subset")).train().size())
        .isEqualTo(6_000);
  }

  @Test
  void firstImagesEqualTheFullData() throws IOException {
    assumeTrue(
        ImageData.isInstalled(ImageData.FASHION_MNIST_DIR),
        "full Fashion-MNIST not installed at /usr/share/datasets/fashion-mnist "
            + "(apt-get install -y dataset-fashion-mnist); skipping the comparison with it");
    ImageData full = ImageData.load(ImageSource.named("fashion-mnist"));
    assertThat(full.source())
        .isEqualTo(
            "Fashion-MNIST (Debian dataset-fashion-mnist, "
                + "/usr/share/datasets/fashion-mnist): 60,000 train, 10,000 test");
    assertThat(full.train().classCounts()).containsOnly(6_000);
    assertThat(full.test().classCounts()).containsOnly(1_000);
    assertThat(embedded.train().image(0)).isEqualTo(full.train().image(0));
    assertThat(embedded.test().image(0)).isEqualTo(full.test().image(0));
    // the subset is the first 600 per class in file order
    int[] seen = new int[10];
    int k = 0;
    for (int i = 0; i < full.train().size() && k < 6_000; i++) {
      int label = full.train().labels()[i];
      if (seen[label]++ < 600) {
        if (k % 997 == 0 || k == 5_999) {
          assertThat(embedded.train().image(k))
              .as("subset image %d = full image %d", k, i)
              .isEqualTo(full.train().image(i));
        }
        assertThat(embedded.train().labels()[k]).isEqualTo(label);
        k++;
      }
    }
    assertThat(k).isEqualTo(6_000);
  }

  @Test
  void fallsBackToEmbeddedAndSaysSo() throws IOException {
    Path missing = dir.resolve("no-fashion-mnist");
    ImageData d = ImageData.load(ImageSource.fashionMnistOrEmbedded(missing));
    assertThat(d.train().size()).isEqualTo(6_000);
    assertThat(d.source())
        .isEqualTo(
            "embedded Fashion-MNIST subset: 6,000 train, 1,000 test"
                + " (full Fashion-MNIST not installed at "
                + missing
                + "; apt-get install dataset-fashion-mnist)");
    assertThatThrownBy(() -> ImageData.load(ImageSource.fashionMnistIn(missing)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(
            missing + ": Fashion-MNIST folder: expected a folder holding " + ImageData.TRAIN_IMAGES)
        .hasMessageEndingWith(", found no such folder");
  }

  /** A folder given explicitly must hold the data: no silent fallback to the embedded subset. */
  @Test
  void explicitDataDirMustHoldTheData() throws IOException {
    Path missing = dir.resolve("typo");
    assertThatThrownBy(() -> ImageData.load(ImageSource.fashionMnistIn(missing)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(missing + ": Fashion-MNIST folder: expected a folder holding ");
    Path partial = dir.resolve("partial");
    java.nio.file.Files.createDirectories(partial);
    IdxWriter.writeImages(partial.resolve(ImageData.TRAIN_IMAGES), 2, 2, new byte[4], true);
    assertThatThrownBy(() -> ImageData.load(ImageSource.fashionMnistIn(partial)))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            partial.resolve(ImageData.TRAIN_LABELS)
                + ": file: expected the Fashion-MNIST file "
                + ImageData.TRAIN_LABELS
                + " (apt-get install dataset-fashion-mnist puts it in "
                + "/usr/share/datasets/fashion-mnist), found no such file");
  }

  /**
   * The four files in an explicit folder are read from there (small IDX files written by the test).
   */
  @Test
  void explicitDataDirIsRead() throws IOException {
    Path folder = dir.resolve("fm");
    java.nio.file.Files.createDirectories(folder);
    IdxWriter.writeImages(folder.resolve(ImageData.TRAIN_IMAGES), 2, 2, new byte[3 * 4], true);
    IdxWriter.writeLabels(folder.resolve(ImageData.TRAIN_LABELS), new int[] {0, 9, 4}, true);
    IdxWriter.writeImages(folder.resolve(ImageData.TEST_IMAGES), 2, 2, new byte[4], true);
    IdxWriter.writeLabels(folder.resolve(ImageData.TEST_LABELS), new int[] {7}, true);
    ImageData d = ImageData.load(ImageSource.fashionMnistIn(folder));
    assertThat(d.train().size()).isEqualTo(3);
    assertThat(d.test().labels()).containsExactly(7);
    assertThat(d.source()).isEqualTo("Fashion-MNIST (" + folder + "): 3 train, 1 test");
  }

  @Test
  void explicitIdxFiles() throws IOException {
    byte[] px = new byte[4 * 3 * 3];
    IdxWriter.writeImages(dir.resolve("tr-i"), 3, 3, px, true);
    IdxWriter.writeLabels(dir.resolve("tr-l"), new int[] {0, 1, 2, 1}, true);
    IdxWriter.writeImages(dir.resolve("te-i"), 3, 3, new byte[9], false);
    IdxWriter.writeLabels(dir.resolve("te-l"), new int[] {2}, false);
    ImageData d =
        ImageData.load(
            ImageSource.idxFiles(
                dir.resolve("tr-i"),
                dir.resolve("tr-l"),
                dir.resolve("te-i"),
                dir.resolve("te-l"),
                3));
    assertThat(d.train().size()).isEqualTo(4);
    assertThat(d.test().size()).isEqualTo(1);
    assertThat(d.train().classes()).isEqualTo(3);
    assertThat(d.source())
        .isEqualTo(
            "IDX files (train "
                + dir.resolve("tr-i")
                + " + "
                + dir.resolve("tr-l")
                + ", test "
                + dir.resolve("te-i")
                + " + "
                + dir.resolve("te-l")
                + "): 4 train, 1 test");
    // a label that is not below the classes is refused by the reader, naming the file
    assertThatThrownBy(
            () ->
                ImageData.load(
                    ImageSource.idxFiles(
                        dir.resolve("tr-i"),
                        dir.resolve("tr-l"),
                        dir.resolve("te-i"),
                        dir.resolve("te-l"),
                        2)))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(dir.resolve("tr-l") + ": label 2: expected 0..1, found 2");
  }

  @Test
  void unknownNameIsRefused() {
    assertThatThrownBy(() -> ImageSource.named("cifar-10")).hasMessageEndingWith("found cifar-10");
  }
}
