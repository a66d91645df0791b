package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Contracts of the {@link Basis} interface's default methods, checked for every family. */
class BasisTest {

  private static final List<Basis> FAMILIES =
      List.of(
          new PiecewiseConstantBasis(1),
          new PiecewiseConstantBasis(5),
          new PiecewiseLinearBasis(2),
          new PiecewiseLinearBasis(8),
          new FemLinearBasis(1),
          new FemLinearBasis(6),
          new LegendreBasis(1),
          new LegendreBasis(7));

  /**
   * {@code constant()} is the expansion of θ(t) = 1: evaluated through the basis functions
   * themselves it gives 1 at every depth, from both sides (what a depth-constant initial value
   * relies on; for legendre it is not "all ones", which would give Σ Pₖ(2t − 1)).
   */
  @Test
  void constantCoefficientsEvaluateToOneEverywhere() {
    for (Basis b : FAMILIES) {
      double[] c = b.constant();
      assertThat(c).as(b.spec()).hasSize(b.size());
      for (int i = 0; i <= 200; i++) {
        double t = i / 200.0;
        for (Side side : Side.values()) {
          assertThat(b.value(c, t, side))
              .as("%s at t = %s", b.spec(), t)
              .isCloseTo(1.0, within(1e-12));
        }
      }
    }
    assertThat(new LegendreBasis(3).constant()).containsExactly(1.0, 0.0, 0.0);
  }
}
