package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InterpolationTest {
  private final Random rnd = new Random(7);

  @Test
  void halvingPiecewiseConstantPicksTheRightMemberOfEachPair() {
    // digest §6.2: pc16 → pc8 samples (k+½)/8 = (2k+1)/16, a pc16 breakpoint read from the right
    double[][] t =
        Interpolation.between(new PiecewiseConstantBasis(16), new PiecewiseConstantBasis(8))
            .matrix();
    for (int k = 0; k < 8; k++) {
      for (int j = 0; j < 16; j++) {
        assertThat(t[k][j]).as("(%d,%d)", k, j).isEqualTo(j == 2 * k + 1 ? 1.0 : 0.0);
      }
    }
  }

  @Test
  void femTargetTakesTheSourceValuesAtTheNodes() {
    // θ(t) = 1 + 2(2t−1) + 3·P₂(2t−1), P₂(x) = (3x² − 1)/2, sampled at i/4
    ChangeOfBasis map = Interpolation.between(new LegendreBasis(3), new FemLinearBasis(5));
    double[] c = map.apply(new double[] {1, 2, 3});
    for (int i = 0; i < 5; i++) {
      double x = 2 * (i / 4.0) - 1;
      assertThat(c[i]).isCloseTo(1 + 2 * x + 3 * (3 * x * x - 1) / 2, within(1e-14));
    }
  }

  @Test
  void legendreInterpolationReproducesPolynomialsOfDegreeBelowK() {
    // a degree-2 polynomial interpolated at 5 Gauss points is itself: zero-padded coefficients
    double[] c = {0.3, -1.2, 2.5};
    assertThat(Interpolation.between(new LegendreBasis(3), new LegendreBasis(5)).apply(c))
        .containsExactly(new double[] {0.3, -1.2, 2.5, 0, 0}, within(1e-13));
    // fem_linear:2 [a, b] is a + (b − a)t: Legendre c0 = (a+b)/2, c1 = (b−a)/2
    assertThat(
            Interpolation.between(new FemLinearBasis(2), new LegendreBasis(2))
                .apply(new double[] {1, 4}))
        .containsExactly(new double[] {2.5, 1.5}, within(1e-14));
    // a constant
    assertThat(
            Interpolation.between(new PiecewiseConstantBasis(1), new LegendreBasis(4))
                .apply(new double[] {7}))
        .containsExactly(new double[] {7, 0, 0, 0}, within(1e-13));
    // a linear fem:3 function is a polynomial of degree 1 < 4: reproduced at every depth
    double[] lin = {1, 2, 3};
    double[] leg = Interpolation.between(new FemLinearBasis(3), new LegendreBasis(4)).apply(lin);
    for (int i = 0; i <= 50; i++) {
      double t = i / 50.0;
      assertThat(new LegendreBasis(4).value(leg, t)).isCloseTo(1 + 2 * t, within(1e-13));
    }
  }

  @Test
  void discontinuousLinearTargetReadsElementEndsFromInside() {
    // pc4 → piecewise_linear:4: element 0 ends read cells 0 (t=0) and 1 (t=½ from the left)
    double[][] t =
        Interpolation.between(new PiecewiseConstantBasis(4), new PiecewiseLinearBasis(4)).matrix();
    assertThat(Numeric.maxAbsDiff(t, Matrices.identity(4))).isZero();
  }

  @Test
  void interpolatingInsideTheSameSpaceIsTheIdentity() {
    for (Basis b : Numeric.samples()) {
      double[] c = Numeric.random(rnd, b.size());
      assertThat(Interpolation.between(b, b).apply(c))
          .as(b.spec())
          .containsExactly(c, within(1e-12));
    }
  }
}
