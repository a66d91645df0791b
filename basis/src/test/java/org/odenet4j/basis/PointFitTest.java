package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;

class PointFitTest {

  private static List<Basis.Node> stages(Scheme scheme, int steps) {
    return StageTimes.of(scheme, steps).nodes();
  }

  @Test
  void twoPiecewiseConstantCoefficientsFromFourEulerStepsAverageTheirHalves() {
    // digest §5: pc K=2, Euler, N=4 → rows (½,½,0,0), (0,0,½,½)
    PointFit fit = PointFit.of(new PiecewiseConstantBasis(2), stages(Scheme.EULER, 4));
    assertThat(Numeric.maxAbsDiff(fit.matrix(), new double[][] {{.5, .5, 0, 0}, {0, 0, .5, .5}}))
        .isLessThan(1e-15);
  }

  @Test
  void piecewiseConstantWithOneCoefficientPerEulerStepIsTheIdentity() {
    // digest §5: pc K = N, Euler → P = I (a per-layer ResNet BN), including N where float grids
    // drift
    for (int n : new int[] {4, 7, 12, 49}) {
      PointFit fit = PointFit.of(new PiecewiseConstantBasis(n), stages(Scheme.EULER, n));
      assertThat(Numeric.maxAbsDiff(fit.matrix(), Matrices.identity(n))).as("N=%d", n).isZero();
    }
  }

  @Test
  void piecewiseConstantWithRk4AveragesTheFourStagesOfItsStep() {
    // digest §5: pc K = N, RK4 → each coefficient is the mean of its own 4 stage samples
    int n = 6;
    PointFit fit = PointFit.of(new PiecewiseConstantBasis(n), stages(Scheme.RK4, n));
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < 4 * n; s++) {
        assertThat(fit.matrix()[k][s])
            .as("k=%d s=%d", k, s)
            .isCloseTo(s / 4 == k ? 0.25 : 0.0, within(1e-15));
      }
    }
  }

  @Test
  void femThreeNodesFromFourEulerStepsExtrapolatesTheLastNode() {
    // digest §5 worked matrix
    PointFit fit = PointFit.of(new FemLinearBasis(3), stages(Scheme.EULER, 4));
    double[][] expected = {
      {.833, .333, -.167, 0}, {-.167, .333, .833, 0}, {.167, -.333, -.833, 2.0}
    };
    assertThat(Numeric.maxAbsDiff(fit.matrix(), expected)).isLessThan(6e-4);
  }

  @Test
  void fitEqualsThePseudoInverseFromCommonsMathSvd() {
    // second route: P = Φ⁺ for a full-column-rank Φ
    Basis[] bases = {
      new FemLinearBasis(5),
      new PiecewiseLinearBasis(4),
      new LegendreBasis(4),
      new PiecewiseConstantBasis(3)
    };
    for (Basis b : bases) {
      List<Basis.Node> points = stages(Scheme.RK4_38, 6);
      double[][] phi = new double[points.size()][];
      for (int i = 0; i < phi.length; i++) {
        phi[i] = b.evaluate(points.get(i).t(), points.get(i).side());
      }
      double[][] pinv =
          new SingularValueDecomposition(new Array2DRowRealMatrix(phi))
              .getSolver()
              .getInverse()
              .getData();
      assertThat(Numeric.maxAbsDiff(PointFit.of(b, points).matrix(), pinv))
          .as(b.spec())
          .isLessThan(1e-12);
    }
  }

  @Test
  void fitInvertsSamplingOnTheReachedCoefficients() {
    // P·Φ = I: samples of a function in the span give back its coefficients
    Random rnd = new Random(5);
    for (Basis b :
        new Basis[] {new FemLinearBasis(3), new LegendreBasis(3), new PiecewiseLinearBasis(6)}) {
      List<Basis.Node> points = stages(Scheme.MIDPOINT, 6);
      PointFit fit = PointFit.of(b, points);
      double[] c = Numeric.random(rnd, b.size());
      double[] samples = new double[points.size()];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = b.value(c, points.get(i).t(), points.get(i).side());
      }
      assertThat(fit.fit(samples, new double[b.size()]))
          .as(b.spec())
          .containsExactly(c, within(1e-12));
    }
  }

  @Test
  void unreachedFunctionsAreNamedAndReachableFitKeepsThem() {
    // pc:8 with 4 Euler steps samples t = 0, ¼, ½, ¾: cells 0, 2, 4, 6; cells 1, 3, 5, 7 are never
    // read
    Basis pc8 = new PiecewiseConstantBasis(8);
    List<Basis.Node> points = stages(Scheme.EULER, 4);
    assertThatThrownBy(() -> PointFit.of(pc8, points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected every basis function to be reached")
        .hasMessageContaining("[1, 3, 5, 7]");
    PointFit fit = PointFit.reachable(pc8, points);
    assertThat(fit.reached()).containsExactly(0, 2, 4, 6);
    assertThat(fit.unreached()).containsExactly(1, 3, 5, 7);
    double[] previous = {10, 11, 12, 13, 14, 15, 16, 17};
    assertThat(fit.fit(new double[] {1, 2, 3, 4}, previous))
        .containsExactly(1, 11, 2, 13, 3, 15, 4, 17);
    double[][] full = fit.fullMatrix();
    assertThat(full).hasDimensions(8, 4);
    assertThat(full[1]).containsOnly(0.0);
    assertThat(full[2]).containsExactly(0, 1, 0, 0);
  }

  @Test
  void rankDeficientDesignAndBadInputsAreRejected() {
    // two legendre functions sampled at a single depth: reached, but not independent
    List<Basis.Node> one = List.of(new Basis.Node(0.3, Side.RIGHT));
    assertThatThrownBy(() -> PointFit.of(new LegendreBasis(2), one))
        .hasMessageContaining("expected 2 independent sample columns")
        .hasMessageContaining("rank-deficient");
    assertThatThrownBy(() -> PointFit.of(new LegendreBasis(2), List.of()))
        .hasMessageContaining("found none");
    PointFit fit = PointFit.of(new PiecewiseConstantBasis(2), stages(Scheme.EULER, 4));
    assertThatThrownBy(() -> fit.fit(new double[3], new double[2]))
        .hasMessageContaining("expected 4 samples, found 3");
  }

  /**
   * {@link PointFit#unreachedBy} (what an inference graph uses for its warning) names the same
   * functions as the solved fit where the fit exists, and needs no solve where it does not: the
   * three rank-deficient designs of inference-only commands (legendre:2 with 1 Euler step,
   * fem_linear:4 with 2, legendre:8 with 4) are all reached except fem_linear:4's node t = 1, which
   * 2 Euler steps (t = 0, ½) never sample.
   */
  @Test
  void unreachedByNeedsNoSolveAndAgreesWithTheFit() {
    List<Basis.Node> pcPoints = stages(Scheme.EULER, 4);
    assertThat(PointFit.unreachedBy(new PiecewiseConstantBasis(8), pcPoints))
        .containsExactly(PointFit.reachable(new PiecewiseConstantBasis(8), pcPoints).unreached())
        .containsExactly(1, 3, 5, 7);
    assertThat(PointFit.unreachedBy(new FemLinearBasis(3), pcPoints)).isEmpty();
    assertThat(PointFit.unreachedBy(new LegendreBasis(2), stages(Scheme.EULER, 1))).isEmpty();
    assertThat(PointFit.unreachedBy(new FemLinearBasis(4), stages(Scheme.EULER, 2)))
        .containsExactly(3);
    assertThat(PointFit.unreachedBy(new LegendreBasis(8), stages(Scheme.EULER, 4))).isEmpty();
    // ... while the fits themselves are impossible there
    assertThatThrownBy(() -> PointFit.reachable(new LegendreBasis(2), stages(Scheme.EULER, 1)))
        .hasMessageContaining("rank-deficient");
    assertThatThrownBy(() -> PointFit.reachable(new FemLinearBasis(4), stages(Scheme.EULER, 2)))
        .hasMessageContaining("rank-deficient");
    assertThatThrownBy(() -> PointFit.reachable(new LegendreBasis(8), stages(Scheme.EULER, 4)))
        .hasMessageContaining("rank-deficient");
  }
}
