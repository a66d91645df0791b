package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class BatchNormTest {
  private static final long[] SHAPE = {2, 3, 3, 2}; // n = 18 values per channel: n/(n−1) = 1.06

  /**
   * Outside an ODE block one training step updates running ← 0.9·running + 0.1·batch with the batch
   * mean and the <em>biased</em> variance (the fused kernel reports the Bessel-corrected one, which
   * the layer must undo); the output is normalised with the same biased statistics.
   */
  @Test
  void trainingStepUsesBatchMeanAndBiasedVariance() {
    SplittableRandom random = new SplittableRandom(3);
    float[] x = TfTesting.uniform(random, 36, 2.0);
    for (int i = 0; i < x.length; i += 2) {
      x[i] += 3f; // channel 0 off-centre
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SHAPE)));
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "train");
      Operand<TFloat32> y = ctx.apply("bn", BatchNorm.standard(), in);
      assertThat(ctx.updates()).hasSize(2);
      assertThat(registry.state())
          .extracting(ModelVariable::name)
          .containsExactly("bn/moving_mean", "bn/moving_variance");
      assertThat(registry.parameters())
          .extracting(ModelVariable::name)
          .containsExactly("bn/gamma", "bn/beta");
      try (Session s = new Session(g)) {
        float[] oldMean = {0.5f, -0.25f};
        float[] oldVar = {2f, 0.5f};
        float[] gamma = {1.5f, 0.75f};
        float[] beta = {0.1f, -0.2f};
        TfTesting.assign(s, tf, registry.get("bn/moving_mean").variable(), oldMean);
        TfTesting.assign(s, tf, registry.get("bn/moving_variance").variable(), oldVar);
        TfTesting.assign(s, tf, registry.get("bn/gamma").variable(), gamma);
        TfTesting.assign(s, tf, registry.get("bn/beta").variable(), beta);
        float[] out;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, SHAPE, x)) {
          out = TfTesting.run(s, f, ctx.updates(), List.of(y)).get(0);
        }
        double[][] stats = stats(x, 2);
        float[] mean = TfTesting.fetch(s, "bn/moving_mean");
        float[] var = TfTesting.fetch(s, "bn/moving_variance");
        for (int c = 0; c < 2; c++) {
          assertThat((double) mean[c])
              .isCloseTo(0.9 * oldMean[c] + 0.1 * stats[0][c], within(1e-5));
          assertThat((double) var[c]).isCloseTo(0.9 * oldVar[c] + 0.1 * stats[1][c], within(1e-5));
          double unbiased = 0.9 * oldVar[c] + 0.1 * stats[1][c] * 18 / 17;
          assertThat(Math.abs(var[c] - unbiased))
              .as("not the Bessel-corrected variance")
              .isGreaterThan(1e-3);
        }
        for (int i = 0; i < x.length; i++) {
          int c = i % 2;
          double expected =
              (x[i] - stats[0][c]) / Math.sqrt(stats[1][c] + 1e-5) * gamma[c] + beta[c];
          assertThat((double) out[i]).isCloseTo(expected, within(1e-4));
        }
      }
    }
  }

  /**
   * In inference the layer normalises with the running statistics and adds no updates; rank 2
   * works.
   */
  @Test
  void inferenceUsesRunningStatisticsOnRankTwoInput() {
    SplittableRandom random = new SplittableRandom(4);
    float[] x = TfTesting.uniform(random, 12, 2.0);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      LayerContext ctx = LayerContext.root(registry, Mode.INFER, "serve");
      Operand<TFloat32> y = ctx.apply("bn", BatchNorm.standard(), in);
      assertThat(ctx.updates()).isEmpty();
      assertThat(y.shape().asArray()).containsExactly(-1, 3);
      try (Session s = new Session(g)) {
        float[] mean = {1f, -1f, 0.5f};
        float[] var = {4f, 0.25f, 1f};
        TfTesting.assign(s, tf, registry.get("bn/moving_mean").variable(), mean);
        TfTesting.assign(s, tf, registry.get("bn/moving_variance").variable(), var);
        float[] out;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, new long[] {4, 3}, x)) {
          out = TfTesting.run(s, f, y);
        }
        for (int i = 0; i < x.length; i++) {
          int c = i % 3;
          assertThat((double) out[i])
              .isCloseTo((x[i] - mean[c]) / Math.sqrt(var[c] + 1e-5), within(1e-5));
        }
      }
    }
  }

  @Test
  void rejectsBadHyperParametersAndShapes() {
    assertThatThrownBy(() -> new BatchNorm(1.0, 1e-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("momentum");
    assertThatThrownBy(() -> new BatchNorm(0.9, 0)).isInstanceOf(IllegalArgumentException.class);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LayerContext ctx =
          LayerContext.root(ParameterRegistry.initialized(tf, 1), Mode.TRAIN, "train");
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4)));
      assertThatThrownBy(() -> ctx.apply("bn", BatchNorm.standard(), in))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bn")
          .hasMessageContaining("[2, 3, 4]");
    }
  }

  /** Per-channel mean and biased variance of an array with {@code c} channels last. */
  static double[][] stats(float[] values, int c) {
    int n = values.length / c;
    double[][] out = new double[2][c];
    for (int ch = 0; ch < c; ch++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += values[i * c + ch];
      }
      m /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        v += (values[i * c + ch] - m) * (values[i * c + ch] - m);
      }
      out[0][ch] = m;
      out[1][ch] = v / n;
    }
    return out;
  }
}
