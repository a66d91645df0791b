package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.savedmodel.Manifest;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class BatchNormRecalibrationTest {
  @TempDir Path tmp;

  /**
   * K = N, Euler, piecewise_constant: each coefficient is read by exactly one stage (the point fit
   * is the identity).
   */
  static final ImageModelSpec SPEC = TestModels.image("piecewise_constant:2", 2);

  /** Running statistics set to nonsense (mean 3, variance 7), as if projection had spoilt them. */
  static float[] spoil(String name, float[] v) {
    if (name.endsWith("moving_mean")) {
      java.util.Arrays.fill(v, 3f);
    } else if (name.endsWith("moving_variance")) {
      java.util.Arrays.fill(v, 7f);
    }
    return v;
  }

  /**
   * After recalibrating on one batch, the exported model in inference mode normalises with exactly
   * that batch's statistics, so its logits on that batch equal the training-mode logits (batch
   * statistics) of the same parameters, computed here in a graph of the test's own.
   */
  @Test
  void oneBatchMakesInferenceEqualTrainingMode() {
    Path src = TestModels.export(SPEC, tmp.resolve("src"), 11, BatchNormRecalibrationTest::spoil);
    try (TFloat32 batch = TestModels.images(16, 3)) {
      CompressionResult r =
          Compressor.of(CompressionPlan.keep())
              .recalibrate(List.of(batch))
              .compress(src, tmp.resolve("out"));
      assertThat(r.report().statistics().recalibrationBatches()).isEqualTo(1);
      assertThat(Manifest.read(r.output()).provenance().source().operation())
          .contains("BatchNorm statistics re-estimated on 1 batches");
      float[] inference = TestModels.run(r.output(), "images", batch, "logits");
      float[] training = trainingLogits(SPEC, r.output(), batch);
      float[] spoilt = TestModels.run(src, "images", batch, "logits");
      double maxDiff = 0;
      double spoiltDiff = 0;
      for (int i = 0; i < training.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(inference[i] - training[i]));
        spoiltDiff = Math.max(spoiltDiff, Math.abs(spoilt[i] - training[i]));
      }
      assertThat(maxDiff).isLessThan(1e-4);
      assertThat(spoiltDiff)
          .isGreaterThan(1e-2); // the control: without recalibration the two differ
    }
  }

  /**
   * The new statistics are the plain average of per-batch estimates: recalibrating on {b1, b2}
   * gives the mean of {b1} and {b2}, whatever the starting statistics.
   */
  @Test
  void averagesBatchesAndForgetsTheStartingStatistics() {
    Path spoilt = TestModels.export(SPEC, tmp.resolve("a"), 12, BatchNormRecalibrationTest::spoil);
    Path plain = TestModels.export(SPEC, tmp.resolve("b"), 12);
    try (TFloat32 b1 = TestModels.images(8, 1);
        TFloat32 b2 = TestModels.images(8, 2)) {
      Path both =
          Compressor.of(CompressionPlan.keep())
              .recalibrate(List.of(b1, b2))
              .compress(spoilt, tmp.resolve("both"))
              .output();
      Path first =
          Compressor.of(CompressionPlan.keep())
              .recalibrate(List.of(b1))
              .compress(plain, tmp.resolve("first"))
              .output();
      Path second =
          Compressor.of(CompressionPlan.keep())
              .recalibrate(List.of(b2))
              .compress(spoilt, tmp.resolve("second"))
              .output();
      int checked = 0;
      for (Manifest.VariableEntry v : Manifest.read(both).variables()) {
        if (!Manifest.STATE.equals(v.kind())) {
          assertThat(TestModels.values(both, v.name()))
              .containsExactly(TestModels.values(spoilt, v.name()));
          continue;
        }
        float[] ab = TestModels.values(both, v.name());
        float[] a = TestModels.values(first, v.name());
        float[] b = TestModels.values(second, v.name());
        for (int i = 0; i < ab.length; i++) {
          assertThat((double) ab[i])
              .as(v.name() + "[" + i + "]")
              .isCloseTo((a[i] + b[i]) / 2.0, within(2e-4 * (1 + Math.abs(ab[i]))));
        }
        checked++;
      }
      // mean + variance of: stem BN, 3 stitches × 2 BNs + 2 skip BNs (strides 2), 3 blocks × 2 BNs,
      // head BN
      assertThat(checked).isEqualTo(2 * (1 + 3 * 2 + 2 + 3 * 2 + 1));
    }
  }

  /**
   * Recalibration must not clamp a legendre block's variance coefficients. With legendre:2 and 2
   * Euler steps (stages t = 0, ½) the refit interpolates the two stage variances exactly: c₁ =
   * σ²_batch(½) − σ²_batch(0), negative in every channel whose variance falls with depth. So, as
   * for piecewise_constant, one batch makes the inference logits equal the training-mode logits,
   * which a clamp of those c₁ would break. To make variances fall, each block's conv1 kernel
   * coefficients are set to (k, −k): the kernel is 2k at t = 0 and k at t = ½, so bn2's input
   * (conv1 of a batch-normalised signal, with γ ≡ 1) has about 4 times less variance at t = ½. The
   * test requires some negative c₁ (it could not fail otherwise).
   */
  @Test
  void legendreBlockVarianceCoefficientsAreNotClamped() {
    ImageModelSpec spec = TestModels.image("legendre:2", 2);
    Path src =
        TestModels.export(
            spec,
            tmp.resolve("src"),
            13,
            (name, v) -> {
              int half = v.length / 2;
              if (name.matches("stage\\d/block/conv1/kernel")) {
                for (int i = 0; i < half; i++) {
                  v[half + i] = -v[i];
                }
              } else if (name.matches("stage\\d/block/bn\\d/gamma")) {
                java.util.Arrays.fill(
                    v, half, v.length,
                    0f); // γ(t) = 1 (all-ones coefficients would give γ(0) = 1 − 1 = 0)
              }
              return spoil(name, v);
            });
    try (TFloat32 batch = TestModels.images(16, 5)) {
      CompressionResult r =
          Compressor.of(CompressionPlan.keep())
              .recalibrate(List.of(batch))
              .compress(src, tmp.resolve("out"));
      int negative = 0;
      for (Manifest.BlockEntry b : Manifest.read(r.output()).odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          if (v.name().endsWith("moving_variance")) {
            float[] c = TestModels.values(r.output(), v.name());
            for (int e = c.length / 2; e < c.length; e++) {
              negative += c[e] < -1e-3 ? 1 : 0;
            }
          }
        }
      }
      assertThat(negative).isPositive();
      float[] inference = TestModels.run(r.output(), "images", batch, "logits");
      float[] training = trainingLogits(spec, r.output(), batch);
      double maxDiff = 0;
      for (int i = 0; i < training.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(inference[i] - training[i]));
      }
      assertThat(maxDiff).isLessThan(1e-4);
    }
  }

  private static float[] trainingLogits(ImageModelSpec spec, Path model, TFloat32 batch) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.empty(tf);
      Placeholder<?> input = Models.input(tf, spec);
      ClassifierOutputs out = Models.build(LayerContext.root(reg, Mode.TRAIN, "t"), spec, input);
      try (Session s = new Session(g)) {
        Session.Runner load = s.runner();
        java.util.List<TFloat32> owned = new java.util.ArrayList<>();
        for (ModelVariable v : reg.all()) {
          float[] values;
          try {
            values = TestModels.values(model, v.name());
          } catch (IllegalArgumentException notExported) {
            values = new float[(int) v.size()];
          }
          TFloat32 t = TestModels.tensor(v.shape(), values);
          owned.add(t);
          Placeholder<TFloat32> p =
              tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(v.shape())));
          load.feed(p, t).addTarget(tf.assign(v.variable(), p));
        }
        load.run().close();
        owned.forEach(TFloat32::close);
        try (Result r = s.runner().feed(input, batch).fetch(out.logits()).run()) {
          return TestModels.floats((TFloat32) r.get(0));
        }
      }
    }
  }
}
