package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

class GaussLegendreTest {

  @Test
  void nodesAndWeightsEqualCommonsMath() {
    // second route: Commons Math's high-precision Legendre rule on [−1, 1]
    GaussIntegratorFactory factory = new GaussIntegratorFactory();
    for (int n = 1; n <= 24; n++) {
      GaussLegendre ours = GaussLegendre.of(n);
      GaussIntegrator theirs = factory.legendreHighPrecision(n);
      assertThat(ours.nodes()).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(ours.nodes()[i])
            .as("n=%d node %d", n, i)
            .isCloseTo(theirs.getPoint(i), within(1e-14));
        assertThat(ours.weights()[i])
            .as("n=%d weight %d", n, i)
            .isCloseTo(theirs.getWeight(i), within(1e-14));
      }
    }
  }

  @Test
  void exactForDegreeTwoNMinusOneButNotTwoN() {
    // ∫₋₁¹ x^d = 2/(d+1) for even d, 0 for odd d; exact up to d = 2n−1; at d = 2n the error is
    // the textbook remainder 2^(2n+1)·(n!)⁴ / ((2n+1)·((2n)!)²) (f^(2n) = (2n)!)
    for (int n = 1; n <= 12; n++) {
      GaussLegendre rule = GaussLegendre.of(n);
      for (int d = 0; d <= 2 * n; d++) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
          sum += rule.weights()[i] * Math.pow(rule.nodes()[i], d);
        }
        double exact = d % 2 == 0 ? 2.0 / (d + 1) : 0.0;
        if (d <= 2 * n - 1) {
          assertThat(sum).as("n=%d d=%d", n, d).isCloseTo(exact, within(1e-13));
        } else {
          double remainder =
              Math.pow(2, 2 * n + 1)
                  * Math.pow(factorial(n), 4)
                  / ((2 * n + 1) * Math.pow(factorial(2 * n), 2));
          assertThat(exact - sum)
              .as("n=%d d=%d remainder", n, d)
              .isCloseTo(remainder, within(1e-12 + 1e-9 * remainder));
        }
      }
    }
  }

  private static double factorial(int n) {
    double f = 1.0;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  @Test
  void exactForPicksTheSmallestSufficientRule() {
    // n = ⌈(d+1)/2⌉
    assertThat(GaussLegendre.exactFor(0).nodes()).hasSize(1);
    assertThat(GaussLegendre.exactFor(1).nodes()).hasSize(1);
    assertThat(GaussLegendre.exactFor(2).nodes()).hasSize(2);
    assertThat(GaussLegendre.exactFor(3).nodes()).hasSize(2);
    assertThat(GaussLegendre.exactFor(4).nodes()).hasSize(3);
    assertThat(GaussLegendre.exactFor(17).nodes()).hasSize(9);
  }

  @Test
  void mappedNodesIntegrateOnASubinterval() {
    // ∫_{0.2}^{0.7} t³ dt = (0.7⁴ − 0.2⁴)/4
    GaussLegendre rule = GaussLegendre.of(2);
    double[] x = rule.mapped(0.2, 0.7);
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      sum += 0.25 * rule.weights()[i] * x[i] * x[i] * x[i];
    }
    assertThat(sum).isCloseTo((Math.pow(0.7, 4) - Math.pow(0.2, 4)) / 4, within(1e-15));
    assertThatThrownBy(() -> GaussLegendre.of(0))
        .hasMessageContaining("expected n >= 1")
        .hasMessageContaining("found 0");
  }
}
