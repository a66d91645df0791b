package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeOfBasisTest {
  private final Random rnd = new Random(99);

  /** ‖θ_A − θ_B‖ by brute-force Commons Math integration. */
  private static double bruteError(ChangeOfBasis map, double[] ca) {
    double[] cb = map.apply(ca);
    return Math.sqrt(
        Numeric.integrate(
            t -> Math.pow(map.from().value(ca, t) - map.to().value(cb, t), 2),
            map.from(),
            map.to()));
  }

  private static double bruteNorm(Basis a, double[] ca) {
    return Math.sqrt(Numeric.integrate(t -> Math.pow(a.value(ca, t), 2), a));
  }

  @Test
  void l2ErrorEqualsBruteForceIntegralForProjectionsAndInterpolations() {
    String[][] pairs = {
      {"piecewise_constant:16", "fem_linear:9"},
      {"piecewise_constant:16", "piecewise_constant:8"},
      {"fem_linear:9", "piecewise_constant:3"},
      {"legendre:6", "piecewise_linear:4"},
      {"piecewise_linear:8", "legendre:3"},
      {"fem_linear:5", "fem_linear:2"},
    };
    for (String[] pair : pairs) {
      Basis a = Basis.parse(pair[0]);
      Basis b = Basis.parse(pair[1]);
      for (ChangeOfBasis map :
          new ChangeOfBasis[] {Projection.between(a, b), Interpolation.between(a, b)}) {
        double[] ca = Numeric.random(rnd, a.size());
        L2Error e = map.error(ca);
        double expected = bruteError(map, ca);
        double norm = bruteNorm(a, ca);
        assertThat(expected).isGreaterThan(1e-3);
        assertThat(e.absolute())
            .as("%s %s", map.method(), map.to().spec())
            .isCloseTo(expected, within(1e-9));
        assertThat(e.norm()).isCloseTo(norm, within(1e-12));
        assertThat(e.relative()).isCloseTo(expected / norm, within(1e-9));
      }
    }
  }

  @Test
  void projectionErrorIsNeverLargerThanInterpolationError() {
    // the L2 projection is the best approximation in span(B)
    Basis a = new PiecewiseConstantBasis(16);
    for (Basis b :
        new Basis[] {new PiecewiseConstantBasis(8), new FemLinearBasis(5), new LegendreBasis(3)}) {
      double[] ca = Numeric.random(rnd, 16);
      assertThat(Projection.between(a, b).error(ca).absolute())
          .isLessThanOrEqualTo(Interpolation.between(a, b).error(ca).absolute() + 1e-15);
    }
  }

  @Test
  void exactCasesHaveZeroError() {
    // θ_B = θ_A: the error must vanish to rounding, not to √ε of ‖θ_A‖² (no cancellation)
    double[] c = Numeric.random(rnd, 16);
    double[] offset = c.clone();
    for (int i = 0; i < offset.length; i++) {
      offset[i] += 1000.0;
    }
    ChangeOfBasis[] exact = {
      Projection.between(new PiecewiseConstantBasis(16), new PiecewiseLinearBasis(32)),
      Refinement.of(new FemLinearBasis(16)),
      Refinement.of(new PiecewiseLinearBasis(16)),
      Refinement.of(new PiecewiseConstantBasis(16)),
      Projection.between(new LegendreBasis(16), new LegendreBasis(16)),
      Projection.between(new LegendreBasis(16), new LegendreBasis(20)),
    };
    for (ChangeOfBasis map : exact) {
      for (double[] coefficients : new double[][] {c, offset}) {
        L2Error e = map.error(coefficients);
        assertThat(e.relative())
            .as("%s -> %s", map.from().spec(), map.to().spec())
            .isLessThan(1e-13);
      }
    }
    // a line (fem_linear:2) lies in legendre:3
    ChangeOfBasis line = Projection.between(new FemLinearBasis(2), new LegendreBasis(3));
    assertThat(line.error(new double[] {1000.5, 999.25}).relative()).isLessThan(1e-13);
    L2Error zero =
        Projection.between(new LegendreBasis(2), new LegendreBasis(1)).error(new double[2]);
    assertThat(zero.absolute()).isZero();
    assertThat(zero.relative()).isZero();
  }

  @Test
  void smallErrorOnALargeFunctionKeepsItsRelativeAccuracy() {
    // ‖θ_A‖ ≈ 1000, ‖θ_A − θ_B‖ ≈ 1e-3: the brute-force value must be matched to 1e-6 relative
    double[] c = Numeric.random(rnd, 16);
    for (int i = 0; i < c.length; i++) {
      c[i] = 1000.0 + 1e-3 * c[i];
    }
    ChangeOfBasis map =
        Projection.between(new PiecewiseConstantBasis(16), new PiecewiseConstantBasis(4));
    double expected = bruteError(map, c);
    assertThat(map.error(c).absolute()).isCloseTo(expected, within(1e-6 * expected));
  }

  @Test
  void tensorErrorSumsSquaredErrorsOverTrailingEntries() {
    // a [K_A, m] tensor: ‖·‖² adds over the m functions; both norms and errors
    Basis a = new PiecewiseConstantBasis(6);
    Basis b = new FemLinearBasis(3);
    ChangeOfBasis map = Projection.between(a, b);
    int m = 3;
    double[] tensor = Numeric.random(rnd, 6 * m);
    double sq = 0;
    double nsq = 0;
    for (int e = 0; e < m; e++) {
      double[] col = new double[6];
      for (int k = 0; k < 6; k++) {
        col[k] = tensor[k * m + e];
      }
      sq += Math.pow(bruteError(map, col), 2);
      nsq += Math.pow(bruteNorm(a, col), 2);
    }
    L2Error total = map.error(tensor, m);
    assertThat(total.absolute()).isCloseTo(Math.sqrt(sq), within(1e-9));
    assertThat(total.norm()).isCloseTo(Math.sqrt(nsq), within(1e-12));
    // accumulating the columns one by one gives the same totals
    ErrorAccumulator acc = ErrorAccumulator.of(map);
    for (int e = 0; e < m; e++) {
      double[] col = new double[6];
      for (int k = 0; k < 6; k++) {
        col[k] = tensor[k * m + e];
      }
      acc.add(map.error(col));
    }
    assertThat(acc.result().absolute()).isCloseTo(total.absolute(), within(1e-12));
    assertThat(acc.result().norm()).isCloseTo(total.norm(), within(1e-12));
  }

  @Test
  void applyOnATensorActsAlongTheBasisAxisOnly() {
    ChangeOfBasis map = Projection.between(new FemLinearBasis(5), new PiecewiseConstantBasis(2));
    int m = 4;
    double[] tensor = Numeric.random(rnd, 5 * m);
    double[] out = map.apply(tensor, m);
    assertThat(out).hasSize(2 * m);
    for (int e = 0; e < m; e++) {
      double[] col = new double[5];
      for (int k = 0; k < 5; k++) {
        col[k] = tensor[k * m + e];
      }
      double[] mapped = map.apply(col);
      for (int k = 0; k < 2; k++) {
        assertThat(out[k * m + e]).isCloseTo(mapped[k], within(1e-15));
      }
    }
    assertThat(map.at(0, 0)).isEqualTo(map.matrix()[0][0]);
  }

  @Test
  void shapeMismatchesSayWhatWasExpected() {
    Basis a = new PiecewiseConstantBasis(4);
    Basis b = new PiecewiseConstantBasis(2);
    assertThatThrownBy(() -> new ChangeOfBasis(a, b, "x", new double[3][4]))
        .hasMessageContaining("expected a 2x4 matrix")
        .hasMessageContaining("found 3x4");
    ChangeOfBasis map = Projection.between(a, b);
    assertThatThrownBy(() -> map.apply(new double[7], 2))
        .hasMessageContaining("expected 4 x 2 = 8 values, found 7");
    assertThatThrownBy(() -> map.apply(new double[3])).hasMessageContaining("expected 4, found 3");
  }
}
