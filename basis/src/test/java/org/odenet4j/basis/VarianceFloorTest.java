package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;

class VarianceFloorTest {

  private static List<Basis.Node> stages(Scheme scheme, int steps) {
    return StageTimes.of(scheme, steps).nodes();
  }

  /**
   * What makes clamping coefficients right for the nodal families: at every depth and from both
   * sides θ(t) is a convex combination of coefficients (weights ≥ 0, sum 1), so coefficients ≥ ε
   * give θ ≥ ε everywhere. Legendre is not nodal: σ²(t) = 2 − t, positive on [0, 1], has the
   * coefficient c₁ = −½ (checked against the closed form 2 − t).
   */
  @Test
  void nodalFamiliesAreConvexCombinationsAndLegendreIsNot() {
    for (Basis b :
        List.of(
            new PiecewiseConstantBasis(4),
            new PiecewiseLinearBasis(6),
            new FemLinearBasis(4),
            new FemLinearBasis(1))) {
      assertThat(b.nodal()).as(b.spec()).isTrue();
      for (int i = 0; i <= 240; i++) {
        double t = i / 240.0;
        for (Side side : Side.values()) {
          List<Term> terms = b.terms(t, side);
          assertThat(terms.size()).isBetween(1, 2);
          assertThat(terms)
              .allSatisfy(term -> assertThat(term.weight()).isGreaterThanOrEqualTo(0.0));
          assertThat(terms.stream().mapToDouble(Term::weight).sum())
              .as("%s t=%s", b.spec(), t)
              .isCloseTo(1.0, within(1e-15));
        }
      }
    }
    Basis legendre = new LegendreBasis(4);
    assertThat(legendre.nodal()).isFalse();
    double[] c = {1.5, -0.5, 0, 0};
    for (int i = 0; i <= 10; i++) {
      double t = i / 10.0;
      assertThat(legendre.value(c, t)).isCloseTo(2 - t, within(1e-15));
    }
  }

  /**
   * A positive legendre variance keeps its signed coefficients exactly and counts no floored read.
   */
  @Test
  void positiveLegendreVarianceIsUntouched() {
    Basis legendre = new LegendreBasis(4);
    // two channels, [K, 2] row-major: 2 − t = 1.5 − ½·P₁ and 2 − t² = 5/3 − ½·P₁ − (1/6)·P₂
    double[] c = {1.5, 5.0 / 3, -0.5, -0.5, 0, -1.0 / 6, 0, 0};
    for (int i = 0; i <= 10; i++) { // the coefficients are those functions (closed form)
      double t = i / 10.0;
      assertThat(legendre.value(new double[] {c[0], c[2], c[4], c[6]}, t))
          .isCloseTo(2 - t, within(1e-14));
      assertThat(legendre.value(new double[] {c[1], c[3], c[5], c[7]}, t))
          .isCloseTo(2 - t * t, within(1e-14));
    }
    double[] copy = c.clone();
    for (Scheme scheme : Scheme.ALL) {
      for (int steps : new int[] {1, 2, 4, 7}) {
        assertThat(VarianceFloor.apply(legendre, c, 2, stages(scheme, steps)))
            .as("%s/%d", scheme, steps)
            .isZero();
        assertThat(c).containsExactly(copy);
      }
    }
  }

  /**
   * σ²(t) = 0.6 − t (legendre c = (0.1, −0.5)) is ≤ 0 from t = 0.6 on. Coefficients stay as they
   * are; the count is the stage reads at which the graph's floor applies: with 4 Euler steps the
   * reads are t = 0, ¼, ½, ¾ (one ≤ 0); with 2 RK4 steps the 8 stages read t = 0, ¼, ¼, ½, ½, ¾, ¾,
   * 1, which the graph shares into 5 distinct reads (two ≤ 0: ¾ and 1), per channel.
   */
  @Test
  void negativeLegendreVarianceCountsDistinctFlooredReadsAndKeepsCoefficients() {
    Basis legendre = new LegendreBasis(2);
    double[] c = {0.1, 0.1, -0.5, -0.5}; // two identical channels
    assertThat(VarianceFloor.apply(legendre, c, 2, stages(Scheme.EULER, 4))).isEqualTo(2 * 1);
    assertThat(VarianceFloor.distinctReads(legendre, stages(Scheme.RK4, 2))).hasSize(5);
    assertThat(VarianceFloor.apply(legendre, c, 2, stages(Scheme.RK4, 2))).isEqualTo(2 * 2);
    assertThat(c).containsExactly(0.1, 0.1, -0.5, -0.5);
    // piecewise_constant:2 with 2 RK4 steps: every stage of a step reads the same cell
    assertThat(VarianceFloor.distinctReads(new PiecewiseConstantBasis(2), stages(Scheme.RK4, 2)))
        .hasSize(2);
  }

  /**
   * Nodal: every coefficient ≤ 0 (zero included) is clamped to 1e-5 and counted; the others keep
   * their value.
   */
  @Test
  void nodalCoefficientsAtOrBelowZeroAreClamped() {
    double[] fem = {-1, 0.5, 2, 0};
    assertThat(VarianceFloor.apply(new FemLinearBasis(2), fem, 2, stages(Scheme.EULER, 1)))
        .isEqualTo(2);
    assertThat(fem).containsExactly(VarianceFloor.FLOOR, 0.5, 2, VarianceFloor.FLOOR);
    double[] plain = {3, -2};
    assertThat(VarianceFloor.clampValues(plain)).isEqualTo(1);
    assertThat(plain).containsExactly(3, VarianceFloor.FLOOR);
    assertThatThrownBy(
            () ->
                VarianceFloor.apply(
                    new FemLinearBasis(2), new double[3], 2, stages(Scheme.EULER, 1)))
        .hasMessageContaining("expected 2 x 2 values, found 3");
  }
}
