package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageAugmentationTest {

  private static float[] ramp(int n, int h, int w, int c) {
    float[] x = new float[n * h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  @Test
  void flipTwiceIsIdentityAndFlipMirrorsRows() {
    float[] x = ramp(2, 3, 4, 2);
    float[] y = x.clone();
    ImageAugmentation.flipHorizontal(y, 1, 3, 4, 2);
    assertThat(y).isNotEqualTo(x);
    // image 1, row 0, pixel 0 now holds what was pixel 3, channels kept in order
    int base = 3 * 4 * 2;
    assertThat(y[base]).isEqualTo(x[base + 3 * 2]);
    assertThat(y[base + 1]).isEqualTo(x[base + 3 * 2 + 1]);
    ImageAugmentation.flipHorizontal(y, 1, 3, 4, 2);
    assertThat(y).isEqualTo(x);
    float[] odd = ramp(1, 2, 5, 1);
    float[] o = odd.clone();
    ImageAugmentation.flipHorizontal(o, 0, 2, 5, 1);
    assertThat(o).containsExactly(5, 4, 3, 2, 1, 10, 9, 8, 7, 6);
  }

  @Test
  void shiftFillsBorderWithZeros() {
    float[] x = ramp(1, 3, 3, 1); // 1..9
    float[] out = new float[9];
    ImageAugmentation.shift(x, out, 0, 3, 3, 1, 1, -1);
    assertThat(out).containsExactly(0, 4, 5, 0, 7, 8, 0, 0, 0);
    ImageAugmentation.shift(x, out, 0, 3, 3, 1, 0, 0);
    assertThat(out).isEqualTo(x);
  }

  @Test
  void cropWithPaddingKeepsShapeAndIsSeeded() {
    float[] x = ramp(8, 28, 28, 1);
    float[] a = ImageAugmentation.randomCrop(x, 8, 28, 28, 1, 4, new Random(3));
    float[] b = ImageAugmentation.randomCrop(x, 8, 28, 28, 1, 4, new Random(3));
    assertThat(a).hasSameSizeAs(x).isEqualTo(b);
    assertThat(a).isNotEqualTo(x);
    assertThat(ImageAugmentation.randomCrop(x, 8, 28, 28, 1, 0, new Random(3))).isEqualTo(x);
  }

  @Test
  void applyDoesNotModifyInputAndIsReproducible() {
    float[] x = ramp(16, 6, 6, 3);
    float[] copy = x.clone();
    ImageAugmentation aug = ImageAugmentation.standard();
    float[] a = aug.apply(x, 16, 6, 6, 3, Batches.random(9, 0));
    float[] b = aug.apply(x, 16, 6, 6, 3, Batches.random(9, 0));
    assertThat(x).isEqualTo(copy);
    assertThat(a).isEqualTo(b).hasSameSizeAs(x);
    assertThat(ImageAugmentation.none().apply(x, 16, 6, 6, 3, new Random(1))).isEqualTo(x);
  }

  @Test
  void randomFlipFlipsSomeImages() {
    float[] x = ramp(64, 2, 2, 1);
    float[] y = x.clone();
    ImageAugmentation.randomFlip(y, 64, 2, 2, 1, new Random(5));
    int flipped = 0;
    for (int i = 0; i < 64; i++) {
      if (y[i * 4] != x[i * 4]) {
        flipped++;
      }
    }
    assertThat(flipped).isBetween(16, 48);
  }

  @Test
  void validatesShape() {
    assertThatThrownBy(
            () -> ImageAugmentation.standard().apply(new float[5], 1, 2, 2, 1, new Random(1)))
        .hasMessage("batch: expected 4 values (1x2x2x1), found 5");
    assertThatThrownBy(() -> new ImageAugmentation(-1, false))
        .hasMessage("padding: expected >= 0, found -1");
  }
}
