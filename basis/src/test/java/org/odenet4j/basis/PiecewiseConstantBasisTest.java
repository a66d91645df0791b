package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PiecewiseConstantBasisTest {
  private final PiecewiseConstantBasis pc3 = new PiecewiseConstantBasis(3);
  private final double[] c = {1, 3, 2};

  @Test
  void referenceTestVectorsOfTheDigest() {
    // digest §3: pc nodes [1,3,2]: θ(0) = 1, θ(0.5) = 3, θ(1) = 2 (t = 1 belongs to the last cell)
    assertThat(pc3.value(c, 0.0)).isEqualTo(1.0);
    assertThat(pc3.value(c, 0.5)).isEqualTo(3.0);
    assertThat(pc3.value(c, 1.0)).isEqualTo(2.0);
    assertThat(pc3.value(c, 1.0, Side.LEFT)).isEqualTo(2.0);
  }

  @Test
  void interiorBreakpointBelongsToTheRightCellUnlessLeftIsAsked() {
    // t = 1/3 and 2/3 are breakpoints of pc:3; 1.0/3 is not exactly 1/3 in binary, still snapped
    assertThat(pc3.value(c, 1.0 / 3)).isEqualTo(3.0);
    assertThat(pc3.value(c, 1.0 / 3, Side.LEFT)).isEqualTo(1.0);
    assertThat(pc3.value(c, 2.0 / 3)).isEqualTo(2.0);
    assertThat(pc3.value(c, 2.0 / 3, Side.LEFT)).isEqualTo(3.0);
    // t = 0 read from the left has no cell on its left: the first cell
    assertThat(pc3.value(c, 0.0, Side.LEFT)).isEqualTo(1.0);
  }

  @Test
  void cellIndexMatchesIntegerArithmeticForRatiosOfIntegers() {
    // the reference bug of digest §11.4: floor(K·t) on a float grid; the right answer is
    // floor(n·K/N)
    for (int k : new int[] {7, 12, 49}) {
      PiecewiseConstantBasis b = new PiecewiseConstantBasis(k);
      for (int n = 0; n < k; n++) {
        double[] phi = b.evaluate((double) n / k);
        assertThat(phi[n]).as("K=%d n=%d", k, n).isEqualTo(1.0);
        double[] left = b.evaluate((double) (n + 1) / k, Side.LEFT);
        assertThat(left[n]).as("K=%d n=%d LEFT", k, n).isEqualTo(1.0);
      }
    }
  }

  @Test
  void exactlyOneIndicatorIsOneEverywhere() {
    // partition of unity by indicators: Σφ = 1 and φₖ(t) = 1 iff t ∈ [k/K, (k+1)/K)
    PiecewiseConstantBasis b = new PiecewiseConstantBasis(5);
    for (int i = 0; i <= 1000; i++) {
      double t = i / 1000.0;
      double[] phi = b.evaluate(t);
      int expected = Math.min((int) Math.floor(5 * t + 1e-12), 4);
      for (int k = 0; k < 5; k++) {
        assertThat(phi[k]).as("t=%s k=%d", t, k).isEqualTo(k == expected ? 1.0 : 0.0);
      }
    }
  }

  @Test
  void depthOutsideUnitIntervalIsRejectedWithExpectedAndFound() {
    assertThatThrownBy(() -> pc3.value(c, 1.000001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected")
        .hasMessageContaining("[0, 1]")
        .hasMessageContaining("found 1.000001");
    assertThatThrownBy(() -> pc3.evaluate(-0.25)).hasMessageContaining("found -0.25");
    assertThatThrownBy(() -> pc3.evaluate(Double.NaN)).hasMessageContaining("found NaN");
  }

  @Test
  void wrongCoefficientCountIsRejected() {
    assertThatThrownBy(() -> pc3.value(new double[2], 0.5))
        .hasMessageContaining("expected 3")
        .hasMessageContaining("found 2");
  }

  @Test
  void interpolationNodesAreCellMidpoints() {
    // digest §3: nodes (k + ½)/K
    assertThat(pc3.interpolationNodes())
        .extracting(Basis.Node::t)
        .containsExactly(1.0 / 6, 0.5, 5.0 / 6);
  }

  @Test
  void metadataAndInvalidSize() {
    assertThat(pc3.spec()).isEqualTo("piecewise_constant:3");
    assertThat(pc3.breakpoints())
        .containsExactly(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, within(1e-15));
    assertThat(pc3.refined()).isEqualTo(new PiecewiseConstantBasis(6));
    assertThatThrownBy(() -> new PiecewiseConstantBasis(0))
        .hasMessageContaining("expected K >= 1")
        .hasMessageContaining("found K = 0");
  }
}
