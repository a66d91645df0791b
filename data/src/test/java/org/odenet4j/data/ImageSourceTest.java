package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageSourceTest {
  private final Path f = Path.of("f");

  @Test
  void namesAndAliasesPickTheSource() {
    assertThat(ImageSource.named("fashion-mnist"))
        .isEqualTo(new ImageSource.FashionMnist(ImageData.FASHION_MNIST_DIR, true));
    assertThat(ImageSource.named("Fashion_MNIST")).isEqualTo(ImageSource.fashionMnist());
    assertThat(ImageSource.named("fashionmnist")).isEqualTo(ImageSource.fashionMnist());
    assertThat(ImageSource.named("embedded")).isEqualTo(new ImageSource.Embedded());
    assertThat(ImageSource.named("fashion-mnist-subset")).isEqualTo(ImageSource.embedded());
    assertThat(ImageSource.named("SUBSET")).isEqualTo(ImageSource.embedded());
    assertThatThrownBy(() -> ImageSource.named("cifar-10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "image data set: expected fashion-mnist or embedded (or --train-images/--train-labels/"
                + "--test-images/--test-labels), found cifar-10");
  }

  @Test
  void folderSourcesSayWhetherTheyFallBack() {
    Path dir = Path.of("somewhere");
    assertThat(ImageSource.fashionMnistIn(dir)).isEqualTo(new ImageSource.FashionMnist(dir, false));
    assertThat(ImageSource.fashionMnistOrEmbedded(dir))
        .isEqualTo(new ImageSource.FashionMnist(dir, true));
    assertThatThrownBy(() -> ImageSource.fashionMnistIn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dir");
  }

  @Test
  void idxFilesNeedAllFourAndAValidClassCount() {
    assertThat(ImageSource.idxFiles(f, f, f, f, 10))
        .isEqualTo(new ImageSource.IdxFiles(f, f, f, f, 10));
    assertThatThrownBy(() -> ImageSource.idxFiles(f, null, f, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "explicit image files: expected all four of train images, train labels, test images, test labels,"
                + " found 2");
    assertThatThrownBy(() -> ImageSource.idxFiles(f, f, f, f, 0))
        .hasMessage("classes: expected 1..256, found 0");
    assertThatThrownBy(() -> ImageSource.idxFiles(f, f, f, f, 257))
        .hasMessage("classes: expected 1..256, found 257");
    assertThat(new ImageSource.IdxFiles(f, f, f, f, 256).classes()).isEqualTo(256);
  }
}
