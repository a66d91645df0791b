package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FemLinearBasisTest {
  private final FemLinearBasis fem3 = new FemLinearBasis(3);
  private final double[] c = {1, 3, 2};

  @Test
  void referenceTestVectorsOfTheDigest() {
    // digest §3: fem nodes [1,3,2]: θ(0) = 1, θ(0.25) = 2, θ(0.5) = 3, θ(1) = 2
    assertThat(fem3.value(c, 0.0)).isEqualTo(1.0);
    assertThat(fem3.value(c, 0.25)).isCloseTo(2.0, within(1e-15));
    assertThat(fem3.value(c, 0.5)).isEqualTo(3.0);
    assertThat(fem3.value(c, 1.0)).isEqualTo(2.0);
    assertThat(fem3.value(c, 0.75)).isCloseTo(2.5, within(1e-15));
  }

  @Test
  void singleNodeIsConstantEverywhere() {
    // digest §3: fem with a single node [3] gives 3 everywhere
    FemLinearBasis one = new FemLinearBasis(1);
    for (double t : new double[] {0, 0.1, 0.5, 0.999, 1}) {
      assertThat(one.value(new double[] {3}, t)).isEqualTo(3.0);
      assertThat(one.value(new double[] {3}, t, Side.LEFT)).isEqualTo(3.0);
    }
    assertThat(one.interpolationNodes()).extracting(Basis.Node::t).containsExactly(0.5);
  }

  @Test
  void continuousSoBothSidesAgreeAtEveryNode() {
    FemLinearBasis b = new FemLinearBasis(6);
    double[] coef = Numeric.random(new Random(1), 6);
    for (int i = 0; i < 6; i++) {
      double t = i / 5.0;
      assertThat(b.value(coef, t, Side.LEFT)).isCloseTo(coef[i], within(1e-15));
      assertThat(b.value(coef, t, Side.RIGHT)).isCloseTo(coef[i], within(1e-15));
    }
  }

  @Test
  void hatsAreTheClosedFormTentFunctions() {
    // φᵢ(t) = max(0, 1 − |t·(K−1) − i|)
    FemLinearBasis b = new FemLinearBasis(5);
    for (int s = 0; s <= 997; s++) {
      double t = s / 997.0;
      double[] phi = b.evaluate(t);
      for (int i = 0; i < 5; i++) {
        assertThat(phi[i]).isCloseTo(Math.max(0.0, 1.0 - Math.abs(4 * t - i)), within(1e-14));
      }
    }
  }

  @Test
  void metadataAndInvalidSize() {
    assertThat(fem3.breakpoints()).containsExactly(0.0, 0.5, 1.0);
    assertThat(fem3.interpolationNodes()).extracting(Basis.Node::t).containsExactly(0.0, 0.5, 1.0);
    assertThat(fem3.refined()).isEqualTo(new FemLinearBasis(5));
    assertThat(new FemLinearBasis(1).refined()).isEqualTo(new FemLinearBasis(2));
    assertThatThrownBy(() -> new FemLinearBasis(0))
        .hasMessageContaining("expected K >= 1")
        .hasMessageContaining("found K = 0");
    assertThatThrownBy(() -> fem3.evaluate(1.5))
        .hasMessageContaining("expected")
        .hasMessageContaining("found 1.5");
  }
}
