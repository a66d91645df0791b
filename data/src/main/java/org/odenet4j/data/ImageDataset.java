package org.odenet4j.data;

import java.util.Objects;

/**
 * An in-memory image classification data set that keeps the raw unsigned bytes ({@code N x H x W x
 * C}, channels last, row-major) and hands out float batches on demand, either scaled to {@code [0,
 * 1]} ({@link #batch}) or standardised per channel ({@link #standardizedBatch}).
 *
 * <p>As for any record holding arrays, {@code equals} compares the arrays by identity; the arrays
 * are shared, not copied, so callers must not modify them.
 *
 * @param pixels raw pixels, {@code size() * height * width * channels} bytes read as 0..255
 * @param labels class per image, in {@code [0, classes)}
 * @param height image height H
 * @param width image width W
 * @param channels channels C
 * @param classes number of classes
 * @param source human-readable description of where the data came from
 */
public record ImageDataset(
    byte[] pixels, int[] labels, int height, int width, int channels, int classes, String source) {

  public ImageDataset {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(source, "source");
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "image shape: expected H, W, C >= 1, found " + height + "x" + width + "x" + channels);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("classes: expected >= 1, found " + classes);
    }
    long expected = (long) labels.length * height * width * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels: expected "
              + expected
              + " bytes ("
              + labels.length
              + " x "
              + height
              + " x "
              + width
              + " x "
              + channels
              + "), found "
              + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label " + i + ": expected 0.." + (classes - 1) + ", found " + labels[i]);
      }
    }
  }

  /**
   * Per-channel mean and standard deviation of pixel values scaled to {@code [0, 1]}.
   *
   * @param mean mean per channel
   * @param std standard deviation per channel (never 0: a constant channel gets 1)
   */
  public record ChannelStats(float[] mean, float[] std) {}

  /** Number of images N. */
  public int size() {
    return labels.length;
  }

  /** Values per image, {@code H * W * C}. */
  public int imageSize() {
    return height * width * channels;
  }

  /** Batch shape {@code [n, H, W, C]} for {@code n} images. */
  public long[] shape(int n) {
    return new long[] {n, height, width, channels};
  }

  /** Raw bytes of image {@code i} (a copy). */
  public byte[] image(int i) {
    byte[] out = new byte[imageSize()];
    System.arraycopy(pixels, i * imageSize(), out, 0, out.length);
    return out;
  }

  /** Images {@code indices} as floats in {@code [0, 1]}, {@code [indices.length, H, W, C]}. */
  public float[] batch(int[] indices) {
    int size = imageSize();
    float[] out = new float[indices.length * size];
    for (int b = 0; b < indices.length; b++) {
      int from = indices[b] * size;
      int to = b * size;
      for (int k = 0; k < size; k++) {
        out[to + k] = (pixels[from + k] & 0xff) / 255f;
      }
    }
    return out;
  }

  /**
   * Images {@code indices} standardised per channel, {@code (x / 255 - mean[c]) / std[c]}; use the
   * training set's {@link #channelStats()} for every split.
   */
  public float[] standardizedBatch(int[] indices, ChannelStats stats) {
    if (stats.mean().length != channels || stats.std().length != channels) {
      throw new IllegalArgumentException(
          "stats: expected "
              + channels
              + " channels, found "
              + stats.mean().length
              + " means and "
              + stats.std().length
              + " stds");
    }
    float[] out = batch(indices);
    for (int k = 0; k < out.length; k++) {
      int c = k % channels;
      out[k] = (out[k] - stats.mean()[c]) / stats.std()[c];
    }
    return out;
  }

  /** Labels of images {@code indices}. */
  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      out[b] = labels[indices[b]];
    }
    return out;
  }

  /** Per-channel mean and standard deviation over the whole set, on the {@code [0, 1]} scale. */
  public ChannelStats channelStats() {
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    for (int k = 0; k < pixels.length; k++) {
      double v = (pixels[k] & 0xff) / 255.0;
      sum[k % channels] += v;
      sumSq[k % channels] += v * v;
    }
    long n = Math.max(1L, (long) pixels.length / channels);
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / n;
      double var = Math.max(0, sumSq[c] / n - m * m);
      mean[c] = (float) m;
      std[c] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
    }
    return new ChannelStats(mean, std);
  }

  /** Number of images per class. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The images {@code indices} (copied, in that order) as a new data set with {@code source}. */
  public ImageDataset subset(int[] indices, String source) {
    int size = imageSize();
    byte[] px = new byte[indices.length * size];
    for (int b = 0; b < indices.length; b++) {
      System.arraycopy(pixels, indices[b] * size, px, b * size, size);
    }
    return new ImageDataset(px, labels(indices), height, width, channels, classes, source);
  }

  @Override
  public String toString() {
    return "ImageDataset["
        + size()
        + " x "
        + height
        + "x"
        + width
        + "x"
        + channels
        + ", "
        + classes
        + " classes, "
        + source
        + "]";
  }
}
