package org.odenet4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** In-memory examples of one shape with per-example class ids (no augmentation). */
final class ArrayTrainingData implements TrainingData {
  private final float[] x;
  private final long[] exampleShape;
  private final int[] labels;
  private final int exampleSize;
  private final String source;

  ArrayTrainingData(float[] x, long[] exampleShape, int[] labels, String kind) {
    if (x == null || exampleShape == null || labels == null) {
      throw new IllegalArgumentException(
          "training data: expected x, example shape and labels, found "
              + (x == null ? "no x" : exampleShape == null ? "no example shape" : "no labels"));
    }
    this.exampleSize = exampleSize(exampleShape);
    long expected = (long) labels.length * exampleSize;
    if (x.length != expected) {
      throw new IllegalArgumentException(
          "training data x: expected "
              + expected
              + " floats ("
              + labels.length
              + " labels × "
              + Arrays.toString(exampleShape)
              + "), found "
              + x.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "training data labels[" + i + "]: expected a class id >= 0, found " + labels[i]);
      }
    }
    this.x = x.clone();
    this.exampleShape = exampleShape.clone();
    this.labels = labels.clone();
    this.source =
        kind + ": " + labels.length + " examples of shape " + Arrays.toString(exampleShape);
  }

  static int exampleSize(long[] exampleShape) {
    long size = 1;
    for (long d : exampleShape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "training data example shape: expected dimensions >= 1, found "
                + Arrays.toString(exampleShape));
      }
      size *= d;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "training data example shape: expected at most "
              + Integer.MAX_VALUE
              + " values per example, found "
              + size);
    }
    return (int) size;
  }

  static ArrayTrainingData concat(long[] exampleShape, Iterable<TrainingData.Batch> batches) {
    int size = exampleSize(exampleShape);
    List<TrainingData.Batch> all = new ArrayList<>();
    long examples = 0;
    int b = 0;
    for (TrainingData.Batch batch : batches) {
      long expected = (long) batch.labels().length * size;
      if (batch.x().length != expected) {
        throw new IllegalArgumentException(
            "training data batch "
                + b
                + " x: expected "
                + expected
                + " floats ("
                + batch.labels().length
                + " labels × "
                + Arrays.toString(exampleShape)
                + "), found "
                + batch.x().length);
      }
      all.add(batch);
      examples += batch.labels().length;
      b++;
    }
    if (examples * size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "training data: expected at most "
              + Integer.MAX_VALUE
              + " floats, found "
              + examples * size);
    }
    float[] x = new float[(int) (examples * size)];
    int[] labels = new int[(int) examples];
    int at = 0;
    for (TrainingData.Batch batch : all) {
      System.arraycopy(batch.x(), 0, x, at * size, batch.x().length);
      System.arraycopy(batch.labels(), 0, labels, at, batch.labels().length);
      at += batch.labels().length;
    }
    return new ArrayTrainingData(x, exampleShape, labels, b + " batches");
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Feed batch(int[] indices, Random augmentation) {
    float[] bx = new float[indices.length * exampleSize];
    int[] by = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(x, indices[i] * exampleSize, bx, i * exampleSize, exampleSize);
      by[i] = labels[indices[i]];
    }
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = indices.length;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    TFloat32 input = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(bx, true, false));
    TInt32 labelTensor = TInt32.tensorOf(Shape.of(indices.length), DataBuffers.of(by, true, false));
    return new Feed(input, labelTensor, null, indices.length);
  }

  /** The shape of one example. */
  long[] exampleShape() {
    return exampleShape.clone();
  }
}
