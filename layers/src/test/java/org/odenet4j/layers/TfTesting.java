package org.odenet4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Test plumbing shared by the layer tests: tensors from and to {@code float[]}, running a session
 * with feeds, assigning variables, and plain-Java array arithmetic. Every tensor and result is
 * closed here or by the caller's try-with-resources.
 */
public final class TfTesting {
  private TfTesting() {}

  /** A float tensor of the given shape (row-major values); the caller closes it. */
  public static TFloat32 tensor(long[] shape, float[] values) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /** A graph constant of the given shape. */
  public static Operand<TFloat32> constant(Ops tf, long[] shape, float[] values) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /** The values of a float tensor, row-major. */
  public static float[] values(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Feeds, in insertion order. */
  public static final class Feeds implements AutoCloseable {
    private final Map<Operand<?>, Tensor> map = new LinkedHashMap<>();

    public Feeds put(Operand<?> target, long[] shape, float[] values) {
      map.put(target, tensor(shape, values));
      return this;
    }

    public Feeds put(Operand<?> target, Tensor tensor) {
      map.put(target, tensor);
      return this;
    }

    Session.Runner apply(Session.Runner runner) {
      for (Map.Entry<Operand<?>, Tensor> e : map.entrySet()) {
        runner.feed(e.getKey(), e.getValue());
      }
      return runner;
    }

    @Override
    public void close() {
      map.values().forEach(Tensor::close);
      map.clear();
    }
  }

  public static Feeds feeds() {
    return new Feeds();
  }

  /** Runs the targets (if any) and fetches the given float outputs. */
  public static List<float[]> run(
      Session session,
      Feeds feeds,
      List<? extends Op> targets,
      List<? extends Operand<?>> fetches) {
    Session.Runner runner = feeds == null ? session.runner() : feeds.apply(session.runner());
    for (Op target : targets) {
      runner.addTarget(target);
    }
    for (Operand<?> f : fetches) {
      runner.fetch(f);
    }
    try (Result r = runner.run()) {
      List<float[]> out = new ArrayList<>();
      for (int i = 0; i < fetches.size(); i++) {
        out.add(values(r.get(i)));
      }
      return out;
    }
  }

  /** One float output. */
  public static float[] run(Session session, Feeds feeds, Operand<?> fetch) {
    return run(session, feeds, List.of(), List.of(fetch)).get(0);
  }

  /** The current value of the variable (or any op) named exactly {@code name}. */
  public static float[] fetch(Session session, String name) {
    try (Result r = session.runner().fetch(name).run()) {
      return values(r.get(0));
    }
  }

  /**
   * Assigns {@code values} to {@code variable} through a placeholder (adds two ops to the graph).
   */
  public static void assign(Session session, Ops tf, Operand<TFloat32> variable, float[] values) {
    Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
    Op assign = tf.assign(variable, p);
    try (Feeds f = feeds().put(p, variable.shape().asArray(), values)) {
      run(session, f, List.of(assign), List.of());
    }
  }

  /** Uniform values in [−scale, scale). */
  public static float[] uniform(SplittableRandom random, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * random.nextDouble() - 1) * scale);
    }
    return v;
  }

  /** Uniform values in [lo, hi). */
  public static float[] uniform(SplittableRandom random, int n, double lo, double hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    return v;
  }

  /** Row k of a row-major [K, …] array. */
  public static float[] row(float[] coefficients, int rows, int k) {
    int n = coefficients.length / rows;
    return Arrays.copyOfRange(coefficients, k * n, (k + 1) * n);
  }

  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }

  public static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  public static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
