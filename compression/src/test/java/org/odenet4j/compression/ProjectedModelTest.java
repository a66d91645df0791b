package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Manifest;
import org.tensorflow.types.TFloat32;

class ProjectedModelTest {
  @TempDir static Path tmp;
  static Path source;
  static Path stepVariance;
  static Path legendreVariance;

  @BeforeAll
  static void export() {
    source = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("src"), 4);
    // block variances tiny on [0, 3/4), large on [3/4, 1]: the best linear fit is negative at t = 0
    stepVariance =
        TestModels.export(
            TestModels.image("piecewise_constant:4", 4),
            tmp.resolve("step"),
            5,
            (name, v) -> {
              if (name.matches("stage\\d/block/.*moving_variance")) {
                int m = v.length / 4;
                for (int i = 0; i < v.length; i++) {
                  v[i] = i < 3 * m ? 1e-3f : 10f;
                }
              }
              return v;
            });
    // legendre:8 block variances σ²(t) = f·(2 − t + P₅(2t − 1)/20) (f = 1 + c/10 per channel):
    // coefficients (1.5f, −0.5f, 0, 0, 0, 0.05f, 0, 0), positive on [0, 1] and decreasing from ≈2f
    // to ≈f
    legendreVariance =
        TestModels.export(
            TestModels.image("legendre:8", 8),
            tmp.resolve("legendre"),
            6,
            (name, v) -> {
              if (name.matches("stage\\d/block/.*moving_variance")) {
                int m = v.length / 8;
                java.util.Arrays.fill(v, 0f);
                for (int c = 0; c < m; c++) {
                  float f = 1 + 0.1f * c;
                  v[c] = 1.5f * f;
                  v[m + c] = -0.5f * f;
                  v[5 * m + c] = 0.05f * f;
                }
              }
              return v;
            });
  }

  /**
   * pc:4 → pc:2: every coefficient tensor (kernels, γ/β, running means and variances) becomes the
   * average of its pairs.
   */
  @Test
  void piecewiseConstantHalvingAveragesPairs() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:2").resolve(src), 0)) {
      int checked = 0;
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          float[] a =
              src.values().get(v.name()) instanceof TFloat32 t ? TestModels.floats(t) : null;
          float[] h = TestModels.floats((TFloat32) p.values().get(v.name()));
          int m = a.length / 4;
          assertThat(h).hasSize(2 * m);
          for (int k = 0; k < 2; k++) {
            for (int e = 0; e < m; e++) {
              assertThat(h[k * m + e])
                  .isEqualTo((float) (((double) a[2 * k * m + e] + a[(2 * k + 1) * m + e]) / 2));
            }
          }
          checked++;
        }
      }
      assertThat(checked).isEqualTo(3 * 10); // per block: 2 kernels, 2 γ, 2 β, 2 means, 2 variances
      assertThat(p.blocks()).allSatisfy(b -> assertThat(b.varianceClamps()).isZero());
    }
  }

  /**
   * Variables outside the ODE blocks are the source's own tensors (so their bits cannot change).
   */
  @Test
  void otherVariablesAreTheSourceTensors() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:1").resolve(src), 0)) {
      for (Manifest.VariableEntry v : src.manifest().variables()) {
        if (v.block() == null) {
          assertThat(p.values().get(v.name())).as(v.name()).isSameAs(src.values().get(v.name()));
        } else {
          assertThat(p.values().get(v.name())).as(v.name()).isNotSameAs(src.values().get(v.name()));
        }
      }
    }
  }

  /**
   * A projection with signed weights (pc:4 → fem_linear:2) drives a variance negative at t = 0:
   * clamped to the floor and counted; means are not clamped.
   */
  @Test
  void negativeVariancesAreClampedAndCounted() {
    try (SourceModel src = SourceModel.open(stepVariance);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("fem_linear:2").resolve(src), 0)) {
      long expected = 0;
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          if (v.name().endsWith("moving_variance")) {
            float[] f = TestModels.floats((TFloat32) p.values().get(v.name()));
            int channels = f.length / 2;
            expected += channels;
            for (int c = 0; c < channels; c++) {
              assertThat(f[c]).isEqualTo(ProjectedModel.VARIANCE_FLOOR); // node t = 0
              assertThat(f[channels + c])
                  .isGreaterThan(5f); // node t = 1: 10·(1 − 3/4·…) stays positive
            }
          }
        }
      }
      assertThat(p.blocks().stream().mapToLong(ProjectedModel.BlockResult::varianceClamps).sum())
          .isEqualTo(expected)
          .isEqualTo(2 * (4 + 8 + 16));
    }
  }

  /**
   * state_relative_error describes the statistics as published: measured after the variance clamp.
   * Recomputed here from the published float tensors (the values the SavedModel gets), it agrees to
   * float rounding; the clamp moves each block's variance at t = 0 from the negative projected
   * value up to the floor, so the error of the unclamped projection would differ.
   */
  @Test
  void stateErrorIsMeasuredOnTheClampedVariances() {
    try (SourceModel src = SourceModel.open(stepVariance);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("fem_linear:2").resolve(src), 0)) {
      for (ProjectedModel.BlockResult b : p.blocks()) {
        assertThat(b.varianceClamps()).as(b.change().name()).isPositive();
        ExactError published = new ExactError(b.change().map());
        ExactError unclamped = new ExactError(b.change().map());
        for (Manifest.BlockVariable v : src.block(b.change().name()).variables()) {
          if (Manifest.PARAMETER.equals(v.kind())) {
            continue;
          }
          int m = SourceModel.trailing(v.shape());
          double[] a = src.doubles(v.name());
          float[] f = TestModels.floats((TFloat32) p.values().get(v.name()));
          double[] d = new double[f.length];
          for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
          }
          published.add(a, d, m);
          unclamped.add(a, b.change().map().apply(a, m), m);
        }
        double expected = published.result().relative();
        assertThat(b.stateError().relative())
            .as(b.change().name())
            .isCloseTo(expected, within(1e-6 * expected));
        assertThat(unclamped.result().relative())
            .as("the clamp changes the error")
            .isNotCloseTo(expected, within(1e-3 * expected));
      }
    }
  }

  /**
   * legendre is not nodal: a positive variance that falls with depth has a negative c₁, and the
   * projection must keep it. legendre:8 → legendre:4 of f·(2 − t + P₅/20) is, by orthogonality of
   * the Legendre polynomials (closed form), (1.5f, −0.5f, 0, 0): the function f·(2 − t), positive
   * at every stage, so nothing is clamped or counted. (Clamping c₁ to 1e-5 would turn it into the
   * constant 1.5f.)
   */
  @Test
  void legendreVarianceKeepsItsNegativeCoefficientsExactly() {
    try (SourceModel src = SourceModel.open(legendreVariance);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("legendre:4").resolve(src), 0)) {
      int checked = 0;
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          if (!v.name().endsWith("moving_variance")) {
            continue;
          }
          float[] f = TestModels.floats((TFloat32) p.values().get(v.name()));
          int m = f.length / 4;
          for (int c = 0; c < m; c++) {
            double scale = 1 + 0.1f * c;
            double[] expected = {1.5 * scale, -0.5 * scale, 0, 0};
            for (int k = 0; k < 4; k++) {
              assertThat((double) f[k * m + c])
                  .as("%s k=%d c=%d", v.name(), k, c)
                  .isCloseTo(expected[k], within(1e-6 * scale));
            }
          }
          checked++;
        }
      }
      assertThat(checked).isEqualTo(3 * 2);
      assertThat(p.blocks()).allSatisfy(b -> assertThat(b.varianceClamps()).isZero());
    }
  }

  /**
   * A legendre target whose projected variance is ≤ 0 at some stage keeps its coefficients (the
   * graph floors the read) and the report counts those stage reads. pc:4 variances (a, a, a, 10), a
   * = 1e-3, project onto legendre:2 as c₀ = (3a + 10)/4, c₁ = 3·∫σ²(t)(2t − 1)dt = (9/16)(10 − a)
   * (closed form), so σ²(t) = c₀ + c₁(2t − 1) is negative for t < 0.278: at the stages t = 0 and ¼
   * of the 4 Euler steps, 2 reads per channel, for 2 BNs × (4 + 8 + 16) channels.
   */
  @Test
  void legendreTargetCountsNonPositiveStageReadsAndKeepsCoefficients() {
    double a = 1e-3f;
    double c0 = (3 * a + 10) / 4;
    double c1 = 9.0 / 16 * (10 - a);
    try (SourceModel src = SourceModel.open(stepVariance);
        ProjectedModel p =
            ProjectedModel.of(src, CompressionPlan.to("legendre:2").resolve(src), 0)) {
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          if (v.name().endsWith("moving_variance")) {
            float[] f = TestModels.floats((TFloat32) p.values().get(v.name()));
            int m = f.length / 2;
            for (int c = 0; c < m; c++) {
              assertThat((double) f[c]).isCloseTo(c0, within(1e-5));
              assertThat((double) f[m + c]).isCloseTo(c1, within(1e-5));
            }
          }
        }
      }
      List<Long> perBlock =
          p.blocks().stream().map(ProjectedModel.BlockResult::varianceClamps).toList();
      assertThat(perBlock).containsExactly(2L * 2 * 4, 2L * 2 * 8, 2L * 2 * 16);
    }
  }

  /** Parameter and state counts per block follow K_B/K_A; the identity change has zero error. */
  @Test
  void countsAndErrors() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel same = ProjectedModel.of(src, CompressionPlan.keep().resolve(src), 0);
        ProjectedModel one =
            ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:1").resolve(src), 0)) {
      for (int i = 0; i < 3; i++) {
        ProjectedModel.BlockResult s = same.blocks().get(i);
        ProjectedModel.BlockResult o = one.blocks().get(i);
        assertThat(s.parameterError().relative()).isZero();
        assertThat(s.parametersAfter()).isEqualTo(s.parametersBefore());
        assertThat(o.parametersAfter() * 4).isEqualTo(o.parametersBefore());
        assertThat(o.stateAfter() * 4).isEqualTo(o.stateBefore());
        assertThat(o.parameterError().relative()).isBetween(0.01, 1.0);
      }
    }
  }
}
