package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;
import org.apache.commons.math3.analysis.polynomials.PolynomialsUtils;
import org.junit.jupiter.api.Test;

class LegendreBasisTest {

  @Test
  void valuesAreShiftedLegendrePolynomialsFromCommonsMath() {
    // φₖ(t) = Pₖ(2t − 1), Pₖ from Commons Math's exact rational coefficients
    LegendreBasis b = new LegendreBasis(9);
    PolynomialFunction[] p = new PolynomialFunction[9];
    for (int k = 0; k < 9; k++) {
      p[k] = PolynomialsUtils.createLegendrePolynomial(k);
    }
    for (int s = 0; s <= 200; s++) {
      double t = s / 200.0;
      double[] phi = b.evaluate(t);
      for (int k = 0; k < 9; k++) {
        assertThat(phi[k]).as("k=%d t=%s", k, t).isCloseTo(p[k].value(2 * t - 1), within(1e-13));
      }
    }
  }

  @Test
  void endValuesAreOneAndAlternatingSigns() {
    // Pₖ(1) = 1, Pₖ(−1) = (−1)^k; global and smooth, so LEFT and RIGHT agree
    LegendreBasis b = new LegendreBasis(7);
    double[] at1 = b.evaluate(1.0, Side.LEFT);
    double[] at0 = b.evaluate(0.0, Side.RIGHT);
    for (int k = 0; k < 7; k++) {
      assertThat(at1[k]).isCloseTo(1.0, within(1e-14));
      assertThat(at0[k]).isCloseTo(k % 2 == 0 ? 1.0 : -1.0, within(1e-14));
    }
    assertThat(b.terms(0.3)).hasSize(7);
    assertThat(b.isLocal()).isFalse();
  }

  @Test
  void interpolationNodesAreGaussPointsOnTheUnitInterval() {
    // the K Gauss–Legendre nodes are the roots of P_K(2t − 1)
    LegendreBasis b = new LegendreBasis(5);
    PolynomialFunction p5 = PolynomialsUtils.createLegendrePolynomial(5);
    for (Basis.Node n : b.interpolationNodes()) {
      assertThat(p5.value(2 * n.t() - 1)).isCloseTo(0.0, within(1e-14));
    }
  }

  @Test
  void outsideUnitIntervalAndInvalidSizeAreRejected() {
    assertThatThrownBy(() -> new LegendreBasis(3).evaluate(-1e-3))
        .hasMessageContaining("found -0.001");
    assertThatThrownBy(() -> new LegendreBasis(0)).hasMessageContaining("found K = 0");
    assertThat(new LegendreBasis(3).degree()).isEqualTo(2);
  }
}
