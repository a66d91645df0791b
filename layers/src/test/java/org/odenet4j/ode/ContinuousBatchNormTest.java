package org.odenet4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.Initializers;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.TfTesting;
import org.odenet4j.units.ConvResidualUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ContinuousBatchNormTest {

  /**
   * With piecewise_constant:N, Euler and N steps the fit matrix is the identity, so one train step
   * must update coefficient k of every BN statistic exactly like an ordinary per-layer BN at unit
   * k: 0.9·old + 0.1·(batch mean / biased batch variance of that BN's input). The inputs come from
   * the hand-built ResNet, the statistics from plain Java.
   */
  @Test
  void pieceWiseConstantEulerUpdateEqualsPerLayerBatchNormUpdates() {
    SplittableRandom random = new SplittableRandom(21);
    int n = 3;
    int w = 3;
    try (ResNetFixture f = new ResNetFixture(n, w, 9)) {
      f.randomizeStateAndAffine(random);
      float[] x = TfTesting.uniform(random, (int) TfTesting.size(f.xShape), 1.5);
      Map<String, float[]> before = f.values();
      ResNetFixture.Reference ref = f.reference(before, x, true);
      f.trainStep(x);
      Map<String, float[]> after = f.values();
      double worst = 0;
      for (String bn : List.of("bn1", "bn2")) {
        List<float[]> inputs = bn.equals("bn1") ? ref.bn1Inputs() : ref.bn2Inputs();
        float[] oldMean = before.get(bn + "/moving_mean");
        float[] oldVar = before.get(bn + "/moving_variance");
        float[] newMean = after.get(bn + "/moving_mean");
        float[] newVar = after.get(bn + "/moving_variance");
        for (int k = 0; k < n; k++) {
          double[][] stats = meanAndBiasedVariance(inputs.get(k), w);
          for (int c = 0; c < w; c++) {
            int i = k * w + c;
            double expectedMean = 0.9 * oldMean[i] + 0.1 * stats[0][c];
            double expectedVar = 0.9 * oldVar[i] + 0.1 * stats[1][c];
            worst =
                Math.max(
                    worst,
                    Math.max(
                        Math.abs(newMean[i] - expectedMean), Math.abs(newVar[i] - expectedVar)));
            assertThat((double) newMean[i])
                .as("%s mean k=%d c=%d", bn, k, c)
                .isCloseTo(expectedMean, within(1e-5 * (1 + Math.abs(expectedMean))));
            assertThat((double) newVar[i])
                .as("%s variance k=%d c=%d", bn, k, c)
                .isCloseTo(expectedVar, within(1e-5 * (1 + Math.abs(expectedVar))));
            // the unbiased variance would be off by 0.1·var/(n−1): far outside the tolerance
            assertThat(Math.abs(newVar[i] - (0.9 * oldVar[i] + 0.1 * stats[1][c] * 32 / 31)))
                .isGreaterThan(1e-4 * stats[1][c]);
          }
        }
      }
      System.out.printf(
          "continuous BN (pc:%d, euler) vs per-layer BN updates: max|delta| = %.3g%n", n, worst);
      // parameters are untouched by the state updates, and no variance was clamped
      assertThat(after.get("conv1/kernel")).containsExactly(before.get("conv1/kernel"));
      assertThat(TfTesting.fetch(f.session, "block/variance_clamps")).containsExactly(0f);
    }
  }

  /**
   * fem_linear:3 fitted from 4 Euler stages has a negative weight (−5/6 on the t = 0.5 sample of
   * the t = 1 coefficient). A rate whose BN input variance is large at t = 0.5 and zero at t = 0.75
   * drives that variance coefficient negative; it must be clamped to 1e-5 and counted in {@code
   * block/variance_clamps}, while the other coefficients get the unclamped least-squares EMA.
   */
  @Test
  void negativeRefittedVarianceIsClampedAndCounted() {
    // P = (ΦᵀΦ)⁻¹Φᵀ for fem_linear:3 at t = 0, 1/4, 1/2, 3/4 (hand-derived; P·Φ = I checked below)
    double[][] p = {
      {5.0 / 6, 1.0 / 3, -1.0 / 6, 0},
      {-1.0 / 6, 1.0 / 3, 5.0 / 6, 0},
      {1.0 / 6, -1.0 / 3, -5.0 / 6, 2},
    };
    double[][] phi = {{1, 0, 0}, {0.5, 0.5, 0}, {0, 1, 0}, {0, 0.5, 0.5}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int t = 0; t < 4; t++) {
          s += p[i][t] * phi[t][j];
        }
        assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
      }
    }
    // R(h) = h·scale(t) after a BN of h: h shrinks by (1 + scale/4) per step.
    Layer rate = scaleAfterBatchNorm(BatchNorm.standard());
    int batch = 8;
    int channels = 2;
    SplittableRandom random = new SplittableRandom(5);
    float[] x = new float[batch * channels];
    for (int b = 0; b < batch; b++) {
      x[b * channels] = (float) (10 * (2 * random.nextDouble() - 1)); // variance ~ 33: clamps
      x[b * channels + 1] = (float) (2 * random.nextDouble() - 1); // variance ~ 0.3: does not
    }
    float[] scale = {0f, -4f, -4f};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, channels)));
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "train");
      new OdeBlock(
              rate, new OdeBlockSpec("fem_linear:3", 4, "euler", 1.0, CoefficientInit.IDENTICAL))
          .apply(ctx.child("block"), in);
      List<Op> updates = ctx.updates();
      assertThat(registry.warnings()).isEmpty();
      try (Session s = new Session(g)) {
        TfTesting.assign(s, tf, registry.get("block/scale").variable(), scale);
        // plain-Java forward: stage inputs h_n and their biased variances
        double[][] stageVar = new double[4][channels];
        double[][] stageMean = new double[4][channels];
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          h[i] = x[i];
        }
        double[] scaleAt = {
          scale[0], 0.5 * scale[0] + 0.5 * scale[1], scale[1], 0.5 * scale[1] + 0.5 * scale[2]
        };
        for (int step = 0; step < 4; step++) {
          for (int c = 0; c < channels; c++) {
            double m = 0;
            for (int b = 0; b < batch; b++) {
              m += h[b * channels + c];
            }
            m /= batch;
            double v = 0;
            for (int b = 0; b < batch; b++) {
              v += (h[b * channels + c] - m) * (h[b * channels + c] - m);
            }
            stageMean[step][c] = m;
            stageVar[step][c] = v / batch;
          }
          for (int i = 0; i < h.length; i++) {
            h[i] += 0.25 * h[i] * scaleAt[step];
          }
        }
        float[] newMean;
        float[] newVar;
        for (int round = 1; round <= 2; round++) {
          float[] oldMean = TfTesting.fetch(s, "block/bn/moving_mean");
          float[] oldVar = TfTesting.fetch(s, "block/bn/moving_variance");
          try (TfTesting.Feeds feeds = TfTesting.feeds().put(in, new long[] {batch, channels}, x)) {
            TfTesting.run(s, feeds, updates, List.of());
          }
          newMean = TfTesting.fetch(s, "block/bn/moving_mean");
          newVar = TfTesting.fetch(s, "block/bn/moving_variance");
          int clamps = 0;
          for (int k = 0; k < 3; k++) {
            for (int c = 0; c < channels; c++) {
              double fitMean = 0;
              double fitVar = 0;
              for (int t = 0; t < 4; t++) {
                fitMean += p[k][t] * stageMean[t][c];
                fitVar += p[k][t] * stageVar[t][c];
              }
              double expectedMean = 0.9 * oldMean[k * channels + c] + 0.1 * fitMean;
              double expectedVar = 0.9 * oldVar[k * channels + c] + 0.1 * fitVar;
              assertThat((double) newMean[k * channels + c])
                  .isCloseTo(expectedMean, within(1e-4 * (1 + Math.abs(expectedMean))));
              if (expectedVar <= 0) {
                clamps++;
                assertThat(newVar[k * channels + c]).as("clamped k=%d c=%d", k, c).isEqualTo(1e-5f);
              } else {
                assertThat((double) newVar[k * channels + c])
                    .isCloseTo(expectedVar, within(1e-4 * (1 + expectedVar)));
              }
            }
          }
          // exactly one entry is driven negative: the t = 1 coefficient of the wide channel
          assertThat(clamps).isEqualTo(1);
          assertThat(newVar[2 * channels]).isEqualTo(1e-5f);
          assertThat(TfTesting.fetch(s, "block/variance_clamps")).containsExactly((float) round);
        }
      }
    }
  }

  /**
   * Training with a legendre block must not clamp variance coefficients: legendre:3 from 4 Euler
   * stages (t = 0, ¼, ½, ¾), BN momentum 0 (so the new coefficients are the least-squares fit
   * itself), rate R(h) = h·s(t) after the BN. The refitted variance coefficients must be the
   * least-squares fit of the plain-Java stage variances, checked by its defining property Φᵀ(Φc −
   * y) = 0 (Φ has full column rank), including negative c₁ and c₂.
   *
   * <ul>
   *   <li>s ≡ −1: h shrinks by ¾ per step, variances y ∝ (1, 0.5625, 0.3164, 0.1780): the fit has
   *       c₁ ≈ −0.39·v, positive at every stage, so no read is floored (counter 0).
   *   <li>s(t) = −8t (legendre (−4, −4, 0)): stage inputs h₀, h₀, ½h₀, 0, variances ∝ (1, 1, ¼, 0):
   *       the fit is (0.354, −0.875, −0.167)·v, whose value at t = ¾ is −v/16 ≤ 0, so the counter
   *       adds one floored read per channel, and the coefficients are still not clamped.
   * </ul>
   */
  @Test
  void legendreRefitKeepsNegativeHigherCoefficients() {
    checkLegendreRefit(new float[] {-1f, 0f, 0f}, 0);
    checkLegendreRefit(
        new float[] {-4f, -4f, 0f}, 2); // one floored read (t = ¾) in each of the 2 channels
  }

  private static void checkLegendreRefit(float[] scale, int expectedFlooredReads) {
    Layer rate = scaleAfterBatchNorm(new BatchNorm(0.0, BatchNorm.DEFAULT_EPSILON));
    int batch = 8;
    int channels = 2;
    SplittableRandom random = new SplittableRandom(17);
    float[] x = new float[batch * channels];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((i % channels == 0 ? 10 : 1) * (2 * random.nextDouble() - 1));
    }
    double[] ts = {0, 0.25, 0.5, 0.75};
    double[][] phi = new double[4][];
    for (int i = 0; i < 4; i++) {
      double u = 2 * ts[i] - 1;
      phi[i] = new double[] {1, u, (3 * u * u - 1) / 2}; // P₀, P₁, P₂ at 2t − 1 (closed form)
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, channels)));
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "train");
      new OdeBlock(rate, new OdeBlockSpec("legendre:3", 4, "euler", 1.0, CoefficientInit.IDENTICAL))
          .apply(ctx.child("block"), in);
      try (Session s = new Session(g)) {
        TfTesting.assign(s, tf, registry.get("block/scale").variable(), scale);
        // plain-Java forward: biased variance of the BN input at each stage
        double[][] y = new double[4][channels];
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          h[i] = x[i];
        }
        for (int step = 0; step < 4; step++) {
          double scaleAt =
              phi[step][0] * scale[0] + phi[step][1] * scale[1] + phi[step][2] * scale[2];
          for (int c = 0; c < channels; c++) {
            double m = 0;
            for (int b = 0; b < batch; b++) {
              m += h[b * channels + c];
            }
            m /= batch;
            for (int b = 0; b < batch; b++) {
              y[step][c] += (h[b * channels + c] - m) * (h[b * channels + c] - m) / batch;
            }
          }
          for (int i = 0; i < h.length; i++) {
            h[i] += 0.25 * h[i] * scaleAt;
          }
        }
        try (TfTesting.Feeds feeds = TfTesting.feeds().put(in, new long[] {batch, channels}, x)) {
          TfTesting.run(s, feeds, ctx.updates(), List.of());
        }
        float[] coefficients = TfTesting.fetch(s, "block/bn/moving_variance"); // [3, channels]
        int flooredReads = 0;
        for (int c = 0; c < channels; c++) {
          double[] fit = {
            coefficients[c], coefficients[channels + c], coefficients[2 * channels + c]
          };
          double yMax = 0;
          double[] residual = new double[4];
          for (int i = 0; i < 4; i++) {
            double value = phi[i][0] * fit[0] + phi[i][1] * fit[1] + phi[i][2] * fit[2];
            residual[i] = value - y[i][c];
            yMax = Math.max(yMax, y[i][c]);
            if (value <= 0) {
              flooredReads++;
            }
          }
          for (int k = 0; k < 3; k++) { // normal equations: Φᵀ·(Φc − y) = 0
            double normal = 0;
            for (int i = 0; i < 4; i++) {
              normal += phi[i][k] * residual[i];
            }
            assertThat(normal)
                .as("channel %d: normal equation %d", c, k)
                .isCloseTo(0.0, within(1e-5 * (1 + yMax)));
          }
          // c₁ < 0 for both designs (decreasing variance): the old clamp would have set it to 1e-5
          assertThat(fit[1]).as("channel %d: c1", c).isLessThan(-0.1 * yMax);
          if (expectedFlooredReads > 0) {
            assertThat(fit[2]).as("channel %d: c2", c).isLessThan(-0.1 * yMax);
          }
        }
        assertThat(flooredReads).isEqualTo(expectedFlooredReads);
        assertThat(TfTesting.fetch(s, "block/variance_clamps"))
            .containsExactly((float) expectedFlooredReads);
      }
    }
  }

  /**
   * piecewise_constant:8 with 4 Euler steps samples cells 0, 2, 4, 6 only: the registry warns,
   * naming the unreached functions 1, 3, 5, 7, and a train step leaves their statistics untouched
   * while refitting the reached ones.
   */
  @Test
  void unreachedCoefficientsAreWarnedAboutAndKeepTheirStatistics() {
    SplittableRandom random = new SplittableRandom(8);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 2);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 2)));
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "train");
      new OdeBlock(
              ConvResidualUnit.relu(2),
              new OdeBlockSpec("piecewise_constant:8", 4, "euler", 4, CoefficientInit.IDENTICAL))
          .apply(ctx.child("block"), in);
      assertThat(registry.warnings())
          .singleElement()
          .asString()
          .contains("block", "[1, 3, 5, 7]", "piecewise_constant:8");
      try (Session s = new Session(g)) {
        String[] names = {
          "block/bn1/moving_mean",
          "block/bn1/moving_variance",
          "block/bn2/moving_mean",
          "block/bn2/moving_variance"
        };
        for (String name : names) {
          TfTesting.assign(
              s, tf, registry.get(name).variable(), TfTesting.uniform(random, 16, 0.5, 1.5));
        }
        float[][] before = new float[names.length][];
        for (int i = 0; i < names.length; i++) {
          before[i] = TfTesting.fetch(s, names[i]);
        }
        try (TfTesting.Feeds feeds =
            TfTesting.feeds()
                .put(in, new long[] {2, 4, 4, 2}, TfTesting.uniform(random, 64, 2.0))) {
          TfTesting.run(s, feeds, ctx.updates(), List.of());
        }
        for (int i = 0; i < names.length; i++) {
          float[] after = TfTesting.fetch(s, names[i]);
          for (int k = 0; k < 8; k++) {
            float[] old = TfTesting.row(before[i], 8, k);
            float[] now = TfTesting.row(after, 8, k);
            if (k % 2 == 1) {
              assertThat(now).as("%s row %d unreached", names[i], k).containsExactly(old);
            } else {
              assertThat(TfTesting.maxAbsDiff(now, old))
                  .as("%s row %d reached", names[i], k)
                  .isGreaterThan(1e-4);
            }
          }
        }
      }
    }
  }

  /** Per-channel mean and biased variance of an NHWC array with {@code c} channels. */
  static double[][] meanAndBiasedVariance(float[] values, int c) {
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
        double d = values[i * c + ch] - m;
        v += d * d;
      }
      out[0][ch] = m;
      out[1][ch] = v / n;
    }
    return out;
  }

  /**
   * R(h) = h·scale(t): the BN's output is discarded, so the BN only records the statistics of its
   * input h (what the refit tests check), and the state evolves by a known scalar rate.
   */
  private static Layer scaleAfterBatchNorm(BatchNorm bn) {
    return (ctx, h) -> {
      ctx.apply("bn", bn, h);
      Operand<TFloat32> scale = ctx.parameter("scale", new long[] {1}, Initializers.zeros());
      return ctx.tf().math.mul(h, scale);
    };
  }
}
