package org.odenet4j.data;

import java.util.Random;

/**
 * Seeded image augmentation applied in Java to float batches {@code [n, H, W, C]} (channels last),
 * as produced by {@link ImageDataset#batch}: random crop after zero padding, and random horizontal
 * flip. Padding inserts the value 0, i.e. black for {@code [0, 1]} batches (the mean for
 * standardised ones). Pass a {@link Random} from {@link Batches#random(long, long)} (e.g. seeded
 * with the run seed and a batch counter) for reproducible runs.
 *
 * @param padding zero padding on each side before the random crop (0 disables cropping)
 * @param flip whether to flip each image horizontally with probability 1/2
 */
public record ImageAugmentation(int padding, boolean flip) {

  public ImageAugmentation {
    if (padding < 0) {
      throw new IllegalArgumentException("padding: expected >= 0, found " + padding);
    }
  }

  /** Standard augmentation for small images: 4-pixel padding plus crop, and flips. */
  public static ImageAugmentation standard() {
    return new ImageAugmentation(4, true);
  }

  /** No augmentation. */
  public static ImageAugmentation none() {
    return new ImageAugmentation(0, false);
  }

  /**
   * Returns an augmented copy of {@code batch} of shape {@code [n, h, w, c]}: crop first (if {@code
   * padding > 0}), then flip (if enabled). The input is not modified.
   */
  public float[] apply(float[] batch, int n, int h, int w, int c, Random rnd) {
    checkShape(batch, n, h, w, c);
    float[] out = padding > 0 ? randomCrop(batch, n, h, w, c, padding, rnd) : batch.clone();
    if (flip) {
      randomFlip(out, n, h, w, c, rnd);
    }
    return out;
  }

  /**
   * A copy of {@code batch} where each image is shifted by an offset drawn uniformly from {@code
   * [-pad, pad]} in each direction, the uncovered border filled with 0 (a crop of the zero-padded
   * image). The shape is unchanged.
   */
  public static float[] randomCrop(float[] batch, int n, int h, int w, int c, int pad, Random rnd) {
    checkShape(batch, n, h, w, c);
    float[] out = new float[batch.length];
    for (int i = 0; i < n; i++) {
      int dy = rnd.nextInt(2 * pad + 1) - pad;
      int dx = rnd.nextInt(2 * pad + 1) - pad;
      shift(batch, out, i, h, w, c, dy, dx);
    }
    return out;
  }

  /**
   * Writes image {@code i} of {@code in} shifted by {@code (dy, dx)} into {@code out}: {@code
   * out[y][x] = in[y + dy][x + dx]}, or 0 outside the image.
   */
  public static void shift(float[] in, float[] out, int i, int h, int w, int c, int dy, int dx) {
    int base = i * h * w * c;
    for (int y = 0; y < h; y++) {
      int sy = y + dy;
      for (int x = 0; x < w; x++) {
        int sx = x + dx;
        int to = base + (y * w + x) * c;
        if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
          for (int k = 0; k < c; k++) {
            out[to + k] = 0f;
          }
        } else {
          System.arraycopy(in, base + (sy * w + sx) * c, out, to, c);
        }
      }
    }
  }

  /** Flips each image of {@code batch} in place with probability 1/2. */
  public static void randomFlip(float[] batch, int n, int h, int w, int c, Random rnd) {
    checkShape(batch, n, h, w, c);
    for (int i = 0; i < n; i++) {
      if (rnd.nextBoolean()) {
        flipHorizontal(batch, i, h, w, c);
      }
    }
  }

  /** Mirrors image {@code i} of {@code batch} left to right, in place. */
  public static void flipHorizontal(float[] batch, int i, int h, int w, int c) {
    int base = i * h * w * c;
    for (int y = 0; y < h; y++) {
      int row = base + y * w * c;
      for (int x = 0; x < w / 2; x++) {
        int a = row + x * c;
        int b = row + (w - 1 - x) * c;
        for (int k = 0; k < c; k++) {
          float t = batch[a + k];
          batch[a + k] = batch[b + k];
          batch[b + k] = t;
        }
      }
    }
  }

  private static void checkShape(float[] batch, int n, int h, int w, int c) {
    long expected = (long) n * h * w * c;
    if (batch.length != expected) {
      throw new IllegalArgumentException(
          "batch: expected "
              + expected
              + " values ("
              + n
              + "x"
              + h
              + "x"
              + w
              + "x"
              + c
              + "), found "
              + batch.length);
    }
  }
}
