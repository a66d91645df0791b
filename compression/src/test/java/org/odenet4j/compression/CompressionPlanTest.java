package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.basis.Basis;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Manifest;

class CompressionPlanTest {
  @TempDir static Path tmp;
  static Path constant;
  static Path pairs;
  static Path varied;

  /** Block coefficients of pc:4 with c1 = c0 and c3 = c2: exactly a pc:2 function. */
  static boolean blockCoefficient(String name) {
    return name.matches("stage\\d/block/.*") && !name.contains("moving_");
  }

  @BeforeAll
  static void export() {
    OdeBlockSpec identical =
        new OdeBlockSpec("piecewise_constant:4", 4, "euler", 1.0, CoefficientInit.IDENTICAL);
    constant =
        TestModels.export(
            new ImageModelSpec(
                List.of(8, 8, 1), 4, 3, "relu", List.of(identical, identical, identical), 1.0),
            tmp.resolve("constant"),
            1);
    pairs =
        TestModels.export(
            TestModels.image("piecewise_constant:4", 4),
            tmp.resolve("pairs"),
            2,
            (name, v) -> {
              if (blockCoefficient(name)) {
                int m = v.length / 4;
                System.arraycopy(v, 0, v, m, m);
                System.arraycopy(v, 2 * m, v, 3 * m, m);
              }
              return v;
            });
    varied =
        TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("varied"), 3);
  }

  /** Depth-constant coefficients (identical init) lie in pc:1: any tolerance picks K = 1. */
  @Test
  void toleranceOnDepthConstantWeightsPicksOne() {
    try (SourceModel src = SourceModel.open(constant)) {
      List<BlockChange> changes = CompressionPlan.keep().withTolerance(0.0).resolve(src);
      assertThat(changes)
          .extracting(c -> c.target().basis().toString())
          .containsOnly("piecewise_constant:1");
      assertThat(changes).extracting(c -> c.target().steps()).containsOnly(4);
    }
  }

  /**
   * Coefficients equal in pairs lie in pc:2 but not in pc:1: a tiny tolerance picks K = 2, a loose
   * one K = 1.
   */
  @Test
  void toleranceOnPairwiseEqualWeightsPicksTwo() {
    try (SourceModel src = SourceModel.open(pairs)) {
      assertThat(CompressionPlan.keep().withTolerance(1e-12).resolve(src))
          .extracting(c -> c.target().basis().toString())
          .containsOnly("piecewise_constant:2");
      assertThat(CompressionPlan.keep().withTolerance(1.0).resolve(src))
          .extracting(c -> c.target().basis().toString())
          .containsOnly("piecewise_constant:1");
    }
  }

  /**
   * The tolerance keeps the family of the target and bounds K by it; the chosen K meets r and the
   * next smaller candidate does not.
   */
  @Test
  void toleranceChoosesTheSmallestSufficientK() {
    try (SourceModel src = SourceModel.open(varied)) {
      double r = 0.5;
      List<BlockChange> changes = CompressionPlan.to("fem_linear:4").withTolerance(r).resolve(src);
      for (BlockChange c : changes) {
        assertThat(c.target().basis().family()).isEqualTo("fem_linear");
        int k = c.target().basis().size();
        assertThat(k).isBetween(1, 4);
        assertThat(error(src, c.name(), c.map())).isLessThanOrEqualTo(r);
        if (k > 1) {
          Basis smaller = Basis.parse("fem_linear:" + (k - 1));
          assertThat(error(src, c.name(), Method.PROJECTION.between(c.source().basis(), smaller)))
              .isGreaterThan(r);
        }
      }
    }
  }

  private static double error(SourceModel src, String block, org.odenet4j.basis.ChangeOfBasis map) {
    List<Manifest.BlockVariable> params = src.blockVariables(block, Manifest.PARAMETER);
    return CompressionPlan.error(
            map, params, params.stream().map(v -> src.doubles(v.name())).toList())
        .relative();
  }

  /**
   * The error is exact: for pc:4 → pc:2 it is Σ over pairs of ¼(cₖ − pair mean)², against ¼Σcₖ²,
   * computed here by hand.
   */
  @Test
  void errorIsTheExactL2Distance() {
    try (SourceModel src = SourceModel.open(varied)) {
      String block = "stage1/block";
      List<Manifest.BlockVariable> params = src.blockVariables(block, Manifest.PARAMETER);
      double diff = 0;
      double norm = 0;
      for (Manifest.BlockVariable v : params) {
        double[] c = src.doubles(v.name());
        int m = c.length / 4;
        for (int e = 0; e < m; e++) {
          for (int p = 0; p < 2; p++) {
            double a = c[2 * p * m + e];
            double b = c[(2 * p + 1) * m + e];
            double mean = (a + b) / 2;
            diff += 0.25 * ((a - mean) * (a - mean) + (b - mean) * (b - mean));
            norm += 0.25 * (a * a + b * b);
          }
        }
      }
      var map =
          Method.PROJECTION.between(
              Basis.parse("piecewise_constant:4"), Basis.parse("piecewise_constant:2"));
      double got =
          CompressionPlan.error(
                  map, params, params.stream().map(v -> src.doubles(v.name())).toList())
              .relative();
      assertThat(got).isCloseTo(Math.sqrt(diff / norm), within(1e-12));
    }
  }

  @Test
  void candidates() {
    assertThat(
            CompressionPlan.candidates(
                Basis.parse("piecewise_constant:16"), Basis.parse("piecewise_constant:16")))
        .containsExactly(1, 2, 4, 8, 16);
    assertThat(
            CompressionPlan.candidates(
                Basis.parse("piecewise_constant:16"), Basis.parse("piecewise_constant:6")))
        .containsExactly(1, 2, 4, 6);
    assertThat(
            CompressionPlan.candidates(
                Basis.parse("piecewise_constant:16"), Basis.parse("fem_linear:5")))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(
            CompressionPlan.candidates(
                Basis.parse("fem_linear:9"), Basis.parse("piecewise_linear:6")))
        .containsExactly(2, 4, 6);
  }

  @Test
  void unreachableToleranceAndUnknownBlocksAreErrors() {
    try (SourceModel src = SourceModel.open(varied)) {
      assertThatThrownBy(
              () -> CompressionPlan.to("piecewise_constant:2").withTolerance(1e-9).resolve(src))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "tolerance 1.0E-9: expected a K <= 2 of piecewise_constant with relative L2 error <= 1.0E-9 for block stage1/block, found none (best ");
      assertThatThrownBy(
              () -> CompressionPlan.keep().withBlock("stage9/block", BlockTarget.KEEP).resolve(src))
          .hasMessage(
              "block stage9/block: expected one of the source's ODE blocks [stage1/block, stage2/block, stage3/block], found 'stage9/block'");
    }
    assertThatThrownBy(() -> CompressionPlan.keep().withTolerance(-1.0))
        .hasMessage("tolerance: expected a finite relative error r >= 0, found -1.0");
  }

  /**
   * Global targets apply to every block; a block's own target wins field by field; unset fields
   * keep the source's.
   */
  @Test
  void resolvesTargets() {
    try (SourceModel src = SourceModel.open(varied)) {
      List<BlockChange> changes =
          CompressionPlan.keep()
              .withSteps(2)
              .withMethod(Method.INTERPOLATION)
              .withBlock("stage2/block", new BlockTarget("fem_linear:3", null, "rk4"))
              .resolve(src);
      assertThat(changes)
          .extracting(c -> c.target().basis().toString())
          .containsExactly("piecewise_constant:4", "fem_linear:3", "piecewise_constant:4");
      assertThat(changes).extracting(c -> c.target().steps()).containsExactly(2, 2, 2);
      assertThat(changes)
          .extracting(c -> c.target().scheme().toString())
          .containsExactly("euler", "rk4", "euler");
      assertThat(changes).extracting(BlockChange::method).containsOnly(Method.INTERPOLATION);
      assertThat(changes.get(1).stageEvaluationsAfter()).isEqualTo(8);
      assertThat(changes.get(0).changesBasis()).isFalse();
    }
  }
}
