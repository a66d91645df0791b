package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private final Random rnd = new Random(20210601);

  @Test
  void projectionOntoTheSameBasisIsTheIdentity() {
    for (Basis b : Numeric.samples()) {
      double[][] t = Projection.between(b, b).matrix();
      assertThat(Numeric.maxAbsDiff(t, Matrices.identity(b.size()))).as(b.spec()).isLessThan(1e-13);
    }
  }

  @Test
  void functionInTheTargetSpaceIsReproducedAtEveryDepth() {
    // span(A) ⊂ span(B): θ_B must equal θ_A pointwise (both sides of every breakpoint)
    String[][] pairs = {
      {"piecewise_constant:4", "piecewise_constant:8"},
      {"fem_linear:3", "fem_linear:5"},
      {"legendre:3", "legendre:6"},
      {"piecewise_constant:4", "piecewise_linear:8"},
      {"fem_linear:3", "piecewise_linear:4"},
      {"legendre:2", "fem_linear:4"},
      {"legendre:1", "piecewise_constant:3"},
    };
    for (String[] pair : pairs) {
      Basis a = Basis.parse(pair[0]);
      Basis b = Basis.parse(pair[1]);
      double[] ca = Numeric.random(rnd, a.size());
      double[] cb = Projection.between(a, b).apply(ca);
      for (int i = 0; i <= 240; i++) {
        double t = i / 240.0; // hits every breakpoint of both bases
        for (Side side : Side.values()) {
          assertThat(b.value(cb, t, side))
              .as("%s -> %s t=%s %s", pair[0], pair[1], t, side)
              .isCloseTo(a.value(ca, t, side), within(1e-13));
        }
      }
    }
  }

  @Test
  void projectingUpAndBackGivesTheOriginalCoefficients() {
    String[][] pairs = {
      {"piecewise_constant:4", "piecewise_constant:8"},
      {"fem_linear:3", "fem_linear:5"},
      {"legendre:3", "legendre:6"},
      {"piecewise_constant:4", "piecewise_linear:8"},
    };
    for (String[] pair : pairs) {
      Basis a = Basis.parse(pair[0]);
      Basis b = Basis.parse(pair[1]);
      double[] ca = Numeric.random(rnd, a.size());
      double[] back = Projection.between(b, a).apply(Projection.between(a, b).apply(ca));
      assertThat(back).as("%s -> %s -> back", pair[0], pair[1]).containsExactly(ca, within(1e-13));
    }
  }

  @Test
  void upProjectionsHaveTheExpectedClosedForms() {
    // pc4 → pc8 duplicates; legendre3 → legendre6 zero-pads
    double[] c = {1, -2, 3, 0.5};
    assertThat(
            Projection.between(new PiecewiseConstantBasis(4), new PiecewiseConstantBasis(8))
                .apply(c))
        .containsExactly(new double[] {1, 1, -2, -2, 3, 3, 0.5, 0.5}, within(1e-15));
    assertThat(
            Projection.between(new LegendreBasis(3), new LegendreBasis(6))
                .apply(new double[] {1, -2, 3}))
        .containsExactly(new double[] {1, -2, 3, 0, 0, 0}, within(1e-14));
    // fem3 → fem5: nodal values at 0, ¼, ½, ¾, 1 of the piecewise-linear interpolant
    assertThat(
            Projection.between(new FemLinearBasis(3), new FemLinearBasis(5))
                .apply(new double[] {1, 3, 2}))
        .containsExactly(new double[] {1, 2, 3, 2.5, 2}, within(1e-14));
  }

  @Test
  void residualIsL2OrthogonalToEveryTargetFunction() {
    // Galerkin condition ∫(θ_A − θ_B)·φᵢ^B = 0, integrated by Commons Math, not by Gram
    String[][] pairs = {
      {"piecewise_constant:16", "fem_linear:9"},
      {"fem_linear:9", "piecewise_constant:4"},
      {"fem_linear:9", "piecewise_constant:3"},
      {"legendre:5", "piecewise_constant:3"},
      {"piecewise_constant:5", "legendre:3"},
      {"piecewise_linear:6", "fem_linear:4"},
      {"fem_linear:7", "piecewise_linear:4"},
      {"piecewise_constant:16", "piecewise_constant:12"},
      {"legendre:7", "legendre:3"},
    };
    for (String[] pair : pairs) {
      Basis a = Basis.parse(pair[0]);
      Basis b = Basis.parse(pair[1]);
      double[] ca = Numeric.random(rnd, a.size());
      double[] cb = Projection.between(a, b).apply(ca);
      DoubleUnaryOperator residual = t -> a.value(ca, t) - b.value(cb, t);
      double residualNorm =
          Math.sqrt(Numeric.integrate(t -> Math.pow(residual.applyAsDouble(t), 2), a, b));
      assertThat(residualNorm)
          .as("%s -> %s is not trivially exact", pair[0], pair[1])
          .isGreaterThan(1e-3);
      for (int i = 0; i < b.size(); i++) {
        DoubleUnaryOperator phi = Numeric.phi(b, i);
        double inner =
            Numeric.integrate(t -> residual.applyAsDouble(t) * phi.applyAsDouble(t), a, b);
        assertThat(inner).as("%s -> %s, φ_%d", pair[0], pair[1], i).isCloseTo(0.0, within(1e-13));
      }
    }
  }

  @Test
  void halvingPiecewiseConstantIsExactlyPairwiseAveraging() {
    // digest §6.1: pc16 → pc8 rows (½, ½) on pairs (2i, 2i+1); the reference code gives (.483,
    // .517)
    double[][] t =
        Projection.between(new PiecewiseConstantBasis(16), new PiecewiseConstantBasis(8)).matrix();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(t[i][j]).as("(%d,%d)", i, j).isCloseTo(j / 2 == i ? 0.5 : 0.0, within(1e-15));
      }
    }
  }

  @Test
  void piecewiseConstantToCoarserIsOverlapWeighted() {
    // digest §6.1: T_ij = K_B·|cell_i^B ∩ cell_j^A|; pc3 → pc2: rows (2/3, 1/3, 0), (0, 1/3, 2/3)
    double[][] t =
        Projection.between(new PiecewiseConstantBasis(3), new PiecewiseConstantBasis(2)).matrix();
    assertThat(t[0]).containsExactly(new double[] {2.0 / 3, 1.0 / 3, 0}, within(1e-15));
    assertThat(t[1]).containsExactly(new double[] {0, 1.0 / 3, 2.0 / 3}, within(1e-15));
  }

  @Test
  void referenceRowFem9ToPc4() {
    // digest §6.1 table: row 0 = (¼, ½, ¼, 0, …)
    double[][] t =
        Projection.between(new FemLinearBasis(9), new PiecewiseConstantBasis(4)).matrix();
    assertThat(t[0])
        .containsExactly(new double[] {0.25, 0.5, 0.25, 0, 0, 0, 0, 0, 0}, within(1e-14));
    assertThat(t[3])
        .containsExactly(new double[] {0, 0, 0, 0, 0, 0, 0.25, 0.5, 0.25}, within(1e-14));
  }

  @Test
  void referenceBlockPc4ToDiscontinuousLinear4() {
    // digest §6.1 table: block [[1.25, −0.25], [−0.25, 1.25]] per element, nothing across elements
    double[][] t =
        Projection.between(new PiecewiseConstantBasis(4), new PiecewiseLinearBasis(4)).matrix();
    double[][] expected = {
      {1.25, -0.25, 0, 0}, {-0.25, 1.25, 0, 0}, {0, 0, 1.25, -0.25}, {0, 0, -0.25, 1.25}
    };
    assertThat(Numeric.maxAbsDiff(t, expected)).isLessThan(1e-14);
  }

  @Test
  void referenceRowPc16ToFem9() {
    // digest §6.1 table: row 0 starts (1.183, .0849, −.317, −.0228)
    double[][] t =
        Projection.between(new PiecewiseConstantBasis(16), new FemLinearBasis(9)).matrix();
    assertThat(t[0][0]).isCloseTo(1.183, within(5e-4));
    assertThat(t[0][1]).isCloseTo(0.0849, within(5e-4));
    assertThat(t[0][2]).isCloseTo(-0.317, within(5e-4));
    assertThat(t[0][3]).isCloseTo(-0.0228, within(5e-4));
    // every row reproduces constants: Σⱼ Tᵢⱼ = 1
    for (double[] row : t) {
      double sum = 0;
      for (double v : row) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-13));
    }
  }

  @Test
  void referenceRowsPc8ToLinearPolynomialInLegendreForm() {
    // digest §6.1 gives monomial rows θ(t) = θ0 + t·θ1; in Legendre form c0 = θ0 + θ1/2, c1 = θ1/2
    double[] theta0 = {.4531, .3594, .2656, .1719, .0781, -.0156, -.1094, -.2031};
    double[] theta1 = {-.6563, -.4688, -.2813, -.0938, .0938, .2813, .4688, .6563};
    double[][] t = Projection.between(new PiecewiseConstantBasis(8), new LegendreBasis(2)).matrix();
    for (int j = 0; j < 8; j++) {
      assertThat(t[0][j]).as("c0 col %d", j).isCloseTo(theta0[j] + theta1[j] / 2, within(1e-4));
      assertThat(t[1][j]).as("c1 col %d", j).isCloseTo(theta1[j] / 2, within(1e-4));
    }
  }
}
