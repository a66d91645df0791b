package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PiecewiseLinearBasisTest {
  // E = 2 elements: [0, ½] runs 1 → 2, [½, 1] runs 5 → 7
  private final PiecewiseLinearBasis dg4 = new PiecewiseLinearBasis(4);
  private final double[] c = {1, 2, 5, 7};

  @Test
  void linearInsideEachElementFromItsEndValues() {
    assertThat(dg4.value(c, 0.0)).isEqualTo(1.0);
    assertThat(dg4.value(c, 0.25)).isCloseTo(1.5, within(1e-15));
    assertThat(dg4.value(c, 0.75)).isCloseTo(6.0, within(1e-15));
    assertThat(dg4.value(c, 0.1)).isCloseTo(1.2, within(1e-15));
    assertThat(dg4.value(c, 1.0)).isEqualTo(7.0);
  }

  @Test
  void jumpAtInteriorBreakpointIsReadFromTheRequestedSide() {
    assertThat(dg4.value(c, 0.5, Side.LEFT)).isEqualTo(2.0);
    assertThat(dg4.value(c, 0.5, Side.RIGHT)).isEqualTo(5.0);
    assertThat(dg4.value(c, 0.5)).isEqualTo(5.0);
  }

  @Test
  void interpolationNodesAreElementEndsReadFromInside() {
    assertThat(dg4.interpolationNodes())
        .containsExactly(
            new Basis.Node(0.0, Side.RIGHT), new Basis.Node(0.5, Side.LEFT),
            new Basis.Node(0.5, Side.RIGHT), new Basis.Node(1.0, Side.LEFT));
  }

  @Test
  void oddOrTooSmallKIsRejected() {
    assertThatThrownBy(() -> new PiecewiseLinearBasis(3))
        .hasMessageContaining("expected an even K")
        .hasMessageContaining("found K = 3");
    assertThatThrownBy(() -> new PiecewiseLinearBasis(0)).hasMessageContaining("found K = 0");
    assertThat(dg4.elements()).isEqualTo(2);
    assertThat(dg4.refined()).isEqualTo(new PiecewiseLinearBasis(8));
  }
}
