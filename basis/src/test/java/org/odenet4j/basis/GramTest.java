package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GramTest {

  @Test
  void piecewiseConstantMassIsIdentityOverK() {
    // digest §6.1: M = (1/K)·I
    for (int k : new int[] {1, 3, 8, 16}) {
      double[][] m = Gram.mass(new PiecewiseConstantBasis(k));
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          assertThat(m[i][j]).isCloseTo(i == j ? 1.0 / k : 0.0, within(1e-15));
        }
      }
    }
  }

  @Test
  void femMassIsTheTridiagonalClosedForm() {
    // digest §6.1: h/3 at the two end nodes, 2h/3 inside, h/6 off the diagonal, h = 1/(K−1)
    for (int k : new int[] {2, 3, 5, 9}) {
      double h = 1.0 / (k - 1);
      double[][] m = Gram.mass(new FemLinearBasis(k));
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double expected;
          if (i == j) {
            expected = (i == 0 || i == k - 1) ? h / 3 : 2 * h / 3;
          } else if (Math.abs(i - j) == 1) {
            expected = h / 6;
          } else {
            expected = 0.0;
          }
          assertThat(m[i][j]).as("K=%d (%d,%d)", k, i, j).isCloseTo(expected, within(1e-15));
        }
      }
    }
    assertThat(Gram.mass(new FemLinearBasis(1))[0][0]).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void discontinuousLinearMassIsBlockDiagonal() {
    // digest §6.1: 2×2 blocks (h/6)·[[2,1],[1,2]], h = 1/E
    for (int k : new int[] {2, 4, 8}) {
      double h = 2.0 / k;
      double[][] m = Gram.mass(new PiecewiseLinearBasis(k));
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double expected = i / 2 != j / 2 ? 0.0 : (i == j ? 2 * h / 6 : h / 6);
          assertThat(m[i][j]).as("K=%d (%d,%d)", k, i, j).isCloseTo(expected, within(1e-15));
        }
      }
    }
  }

  @Test
  void legendreMassIsDiagonalOneOverTwoKPlusOne() {
    // ∫₀¹ Pₖ(2t−1)Pⱼ(2t−1) dt = δₖⱼ/(2k+1)
    double[][] m = Gram.mass(new LegendreBasis(10));
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        assertThat(m[i][j])
            .as("(%d,%d)", i, j)
            .isCloseTo(i == j ? 1.0 / (2 * i + 1) : 0.0, within(1e-14));
      }
    }
  }

  @Test
  void crossGramMatchesCommonsMathIntegrationForEveryPairOfFamilies() {
    // second route: adaptive Gauss–Legendre over the union of both breakpoint sets
    Basis[] bases = {
      new PiecewiseConstantBasis(3),
      new PiecewiseLinearBasis(4),
      new FemLinearBasis(4),
      new LegendreBasis(4)
    };
    for (Basis b : bases) {
      for (Basis a : bases) {
        double[][] g = Gram.between(b, a);
        assertThat(g.length).isEqualTo(b.size());
        assertThat(g[0].length).isEqualTo(a.size());
        for (int i = 0; i < b.size(); i++) {
          for (int j = 0; j < a.size(); j++) {
            var fi = Numeric.phi(b, i);
            var fj = Numeric.phi(a, j);
            double expected =
                Numeric.integrate(t -> fi.applyAsDouble(t) * fj.applyAsDouble(t), a, b);
            assertThat(g[i][j])
                .as("%s x %s (%d,%d)", b.spec(), a.spec(), i, j)
                .isCloseTo(expected, within(1e-13));
          }
        }
      }
    }
  }

  @Test
  void breakpointUnionMergesNearDuplicates() {
    double[] u =
        Gram.union(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, new double[] {0, 1.0 / 6 * 2, 0.5, 1});
    assertThat(u).containsExactly(new double[] {0, 1.0 / 3, 0.5, 2.0 / 3, 1}, within(1e-15));
  }
}
