package org.odenet4j.it;

import java.util.List;
import java.util.SplittableRandom;
import org.odenet4j.layers.Conv2D;
import org.odenet4j.layers.Initializer;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.ParameterSource;
import org.odenet4j.layers.RunningStatistics;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The minimal reproduction of the oneDNN heap corruption behind issue 7/10, for forked-JVM tests:
 * the gradient of a 1×1, stride-2, SAME convolution whose input has fewer than 16 channels.
 *
 * <p>{@code PointwiseConvMain raw|layer BATCH SIZE CIN COUT}: {@code raw} builds the convolution
 * with TensorFlow's strided {@code Conv2D} op (the faulty kernel; may abort the JVM), {@code layer}
 * with odenet4j's {@link Conv2D} layer. Both compute y = conv(x, W), the loss Σ y·g for a fixed
 * random g, and the gradients ∂/∂x and ∂/∂W three times, and compare them with a direct loop
 * (∂/∂x[b, s·i, s·j, c] = Σₒ W[c, o]·g[b, i, j, o], zero at pixels the stride skips; ∂/∂W[c, o] = Σ
 * x[b, s·i, s·j, c]·g[b, i, j, o]). Prints {@code OK max_abs_diff=…} and exits 0, or prints {@code
 * MISMATCH …} and exits 1 (differences relative to the largest expected value).
 */
public final class PointwiseConvMain {
  private static final int STRIDE = 2;

  private PointwiseConvMain() {}

  public static void main(String[] args) {
    boolean raw = args[0].equals("raw");
    int batch = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    int cin = Integer.parseInt(args[3]);
    int cout = Integer.parseInt(args[4]);
    int out = (size + STRIDE - 1) / STRIDE;
    SplittableRandom random = new SplittableRandom(cin * 1000L + cout);
    float[] x = uniform(random, batch * size * size * cin);
    float[] w = uniform(random, cin * cout);
    float[] g = uniform(random, batch * out * out * cout);
    double worst = 0;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, cin)));
      Placeholder<TFloat32> kernel =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 1, cin, cout)));
      Operand<TFloat32> y =
          raw
              ? tf.nn.conv2d(in, kernel, List.of(1L, (long) STRIDE, (long) STRIDE, 1L), "SAME")
              : new Conv2D(cout, 1, STRIDE, false).apply(fixedKernel(tf, kernel), in);
      Operand<TFloat32> loss =
          tf.reduceSum(
              tf.math.mul(y, tf.constant(Shape.of(batch, out, out, cout), DataBuffers.of(g))),
              tf.constant(new int[] {0, 1, 2, 3}));
      var grads = tf.gradients(loss, List.of(in, kernel));
      float[][] expected = expectedGradients(x, w, g, batch, size, cin, cout, out);
      try (Session s = new Session(graph)) {
        for (int rep = 0; rep < 3; rep++) {
          try (TFloat32 xt =
                  TFloat32.tensorOf(Shape.of(batch, size, size, cin), DataBuffers.of(x));
              TFloat32 wt = TFloat32.tensorOf(Shape.of(1, 1, cin, cout), DataBuffers.of(w));
              Result r =
                  s.runner()
                      .feed(in, xt)
                      .feed(kernel, wt)
                      .fetch(grads.dy(0))
                      .fetch(grads.dy(1))
                      .run()) {
            worst = Math.max(worst, maxAbsDiff((TFloat32) r.get(0), expected[0]));
            worst = Math.max(worst, maxAbsDiff((TFloat32) r.get(1), expected[1]));
          }
        }
      }
    }
    if (worst > 1e-5) {
      System.out.println("MISMATCH max_rel_diff=" + worst);
      System.exit(1);
    }
    System.out.println("OK max_rel_diff=" + worst);
  }

  /** A context whose {@code kernel} parameter is the fed placeholder, so the test controls W. */
  private static LayerContext fixedKernel(Ops tf, Operand<TFloat32> kernel) {
    ParameterSource fed =
        new ParameterSource() {
          @Override
          public Operand<TFloat32> parameter(
              LayerContext ctx, String name, long[] shape, Initializer init) {
            return kernel;
          }

          @Override
          public RunningStatistics runningStatistics(
              LayerContext ctx, String name, int channels, double momentum) {
            throw new UnsupportedOperationException(name);
          }
        };
    return LayerContext.root(ParameterRegistry.empty(tf), Mode.INFER, "").withSource(fed);
  }

  private static float[][] expectedGradients(
      float[] x, float[] w, float[] g, int batch, int size, int cin, int cout, int out) {
    float[] dx = new float[x.length];
    double[] dwSum = new double[w.length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < out; i++) {
        for (int j = 0; j < out; j++) {
          int pixel = ((b * size + STRIDE * i) * size + STRIDE * j) * cin;
          int grad = ((b * out + i) * out + j) * cout;
          for (int c = 0; c < cin; c++) {
            double sum = 0;
            for (int o = 0; o < cout; o++) {
              sum += (double) w[c * cout + o] * g[grad + o];
              dwSum[c * cout + o] += (double) x[pixel + c] * g[grad + o];
            }
            dx[pixel + c] = (float) sum;
          }
        }
      }
    }
    float[] dw = new float[w.length];
    for (int i = 0; i < dw.length; i++) {
      dw[i] = (float) dwSum[i];
    }
    return new float[][] {dx, dw};
  }

  /** max |got − expected| / max(1, max |expected|): float sums over a batch of 64 grow with it. */
  private static double maxAbsDiff(TFloat32 got, float[] expected) {
    float[] values = new float[expected.length];
    got.asRawTensor().data().asFloats().read(values);
    double worst = 0;
    double scale = 1;
    for (int i = 0; i < values.length; i++) {
      worst = Math.max(worst, Math.abs(values[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return worst / scale;
  }

  private static float[] uniform(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }
}
