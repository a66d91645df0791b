package org.odenet4j.bench;

import java.util.SplittableRandom;
import org.odenet4j.models.ImageModelSpec;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Seeded inputs and one-call helpers shared by the benchmarks (every Tensor and Result closed). */
public final class BenchInputs {
  private BenchInputs() {}

  /** N(0, 1) images {@code [batch, H, W, C]} for {@code spec}. */
  public static TFloat32 images(ImageModelSpec spec, int batch, long seed) {
    var in = spec.input();
    int n = batch * in.get(0) * in.get(1) * in.get(2);
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(
        Shape.of(batch, in.get(0), in.get(1), in.get(2)), DataBuffers.of(v, true, false));
  }

  /** Uniform labels in [0, classes). */
  public static TInt32 labels(ImageModelSpec spec, int batch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[batch];
    for (int i = 0; i < batch; i++) {
      y[i] = r.nextInt(spec.classes());
    }
    return TInt32.vectorOf(y);
  }

  /**
   * One inference: feeds {@code x}, fetches {@code out}, returns out[0, 0] (the Result is closed).
   */
  public static float infer(
      Session s, Placeholder<TFloat32> in, Operand<TFloat32> out, TFloat32 x) {
    try (Result r = s.runner().feed(in, x).fetch(out).run()) {
      return ((TFloat32) r.get(0)).getFloat(0, 0);
    }
  }

  /** All values of {@code out} for input {@code x}. */
  public static float[] inferAll(
      Session s, Placeholder<TFloat32> in, Operand<TFloat32> out, TFloat32 x) {
    try (Result r = s.runner().feed(in, x).fetch(out).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  /** Max |a − b|; throws if the two routes disagree by more than {@code tolerance}. */
  public static double requireSame(float[] a, float[] b, double tolerance, String what) {
    if (a.length != b.length) {
      throw new IllegalStateException(
          what + ": expected " + a.length + " values, found " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    if (!(m <= tolerance)) {
      throw new IllegalStateException(
          what + ": expected max|delta| <= " + tolerance + ", found " + m);
    }
    return m;
  }
}
