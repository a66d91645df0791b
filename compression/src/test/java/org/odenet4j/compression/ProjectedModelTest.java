package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Manifest;
import org.tensorflow.types.TFloat32;

class ProjectedModelTest {
  @TempDir static Path tmp;
  static Path source;
  static Path stepVariance;

  @BeforeAll
  static void export() {
    source = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("src"), 4);
    // block variances tiny on [0, 3/4), large on [3/4, 1]: the best linear fit is negative at t = 0
    stepVariance = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("step"), 5, (name, v) -> {
      if (name.matches("stage\\d/block/.*moving_variance")) {
        int m = v.length / 4;
        for (int i = 0; i < v.length; i++) {
          v[i] = i < 3 * m ? 1e-3f : 10f;
        }
      }
      return v;
    });
  }

  /** pc:4 → pc:2: every coefficient tensor (kernels, γ/β, running means and variances) becomes the average of its pairs. */
  @Test
  void piecewiseConstantHalvingAveragesPairs() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel p = ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:2").resolve(src), 0)) {
      int checked = 0;
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          float[] a = src.values().get(v.name()) instanceof TFloat32 t ? TestModels.floats(t) : null;
          float[] h = TestModels.floats((TFloat32) p.values().get(v.name()));
          int m = a.length / 4;
          assertThat(h).hasSize(2 * m);
          for (int k = 0; k < 2; k++) {
            for (int e = 0; e < m; e++) {
              assertThat(h[k * m + e]).isEqualTo((float) (((double) a[2 * k * m + e] + a[(2 * k + 1) * m + e]) / 2));
            }
          }
          checked++;
        }
      }
      assertThat(checked).isEqualTo(3 * 10); // per block: 2 kernels, 2 γ, 2 β, 2 means, 2 variances
      assertThat(p.blocks()).allSatisfy(b -> assertThat(b.varianceClamps()).isZero());
    }
  }

  /** Variables outside the ODE blocks are the source's own tensors (so their bits cannot change). */
  @Test
  void otherVariablesAreTheSourceTensors() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel p = ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:1").resolve(src), 0)) {
      for (Manifest.VariableEntry v : src.manifest().variables()) {
        if (v.block() == null) {
          assertThat(p.values().get(v.name())).as(v.name()).isSameAs(src.values().get(v.name()));
        } else {
          assertThat(p.values().get(v.name())).as(v.name()).isNotSameAs(src.values().get(v.name()));
        }
      }
    }
  }

  /** A projection with signed weights (pc:4 → fem_linear:2) drives a variance negative at t = 0: clamped to the floor and counted; means are not clamped. */
  @Test
  void negativeVariancesAreClampedAndCounted() {
    try (SourceModel src = SourceModel.open(stepVariance);
        ProjectedModel p = ProjectedModel.of(src, CompressionPlan.to("fem_linear:2").resolve(src), 0)) {
      long expected = 0;
      for (Manifest.BlockEntry b : src.manifest().odeBlocks()) {
        for (Manifest.BlockVariable v : b.variables()) {
          if (v.name().endsWith("moving_variance")) {
            float[] f = TestModels.floats((TFloat32) p.values().get(v.name()));
            int channels = f.length / 2;
            expected += channels;
            for (int c = 0; c < channels; c++) {
              assertThat(f[c]).isEqualTo(ProjectedModel.VARIANCE_FLOOR); // node t = 0
              assertThat(f[channels + c]).isGreaterThan(5f); // node t = 1: 10·(1 − 3/4·…) stays positive
            }
          }
        }
      }
      assertThat(p.blocks().stream().mapToLong(ProjectedModel.BlockResult::varianceClamps).sum()).isEqualTo(expected).isEqualTo(2 * (4 + 8 + 16));
    }
  }

  /** Parameter and state counts per block follow K_B/K_A; the identity change has zero error. */
  @Test
  void countsAndErrors() {
    try (SourceModel src = SourceModel.open(source);
        ProjectedModel same = ProjectedModel.of(src, CompressionPlan.keep().resolve(src), 0);
        ProjectedModel one = ProjectedModel.of(src, CompressionPlan.to("piecewise_constant:1").resolve(src), 0)) {
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
