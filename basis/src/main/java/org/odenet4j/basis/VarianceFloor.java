package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a running variance, stored as basis coefficients, is kept positive: the one rule that
 * training ({@code ContinuousBatchNorm}), compression ({@code ProjectedModel}) and BatchNorm
 * recalibration share, so it is written once.
 *
 * <ul>
 *   <li>{@linkplain Basis#nodal() Nodal} families (piecewise_constant, piecewise_linear,
 *       fem_linear): a coefficient is a value of the variance function, and the function is a
 *       convex combination of coefficients, so clamping every coefficient ≤ 0 to {@link #FLOOR}
 *       makes σ²(t) ≥ {@link #FLOOR} everywhere and changes nothing else. The count is the number
 *       of clamped coefficients.
 *   <li>Non-nodal families (legendre): coefficient k ≥ 1 is legitimately negative for a positive
 *       variance that changes with depth (σ²(t) = 1.5 − 0.5·P₁(2t − 1) goes from 2 to 1 and has c₁
 *       = −0.5), so clamping it would distort the function everywhere. The coefficients are left
 *       alone; positivity is imposed where the function is read instead: the ODE block's inference
 *       graph reads max(σ²(tᵢ), {@link #FLOOR}) at every stage depth tᵢ. The count is the number of
 *       (distinct stage read, entry) pairs where σ²(tᵢ) ≤ 0, i.e. where that floor takes effect.
 * </ul>
 */
public final class VarianceFloor {
  /**
   * The smallest running variance used: clamped coefficients and floored stage reads take this
   * value.
   */
  public static final float FLOOR = 1e-5f;

  private VarianceFloor() {}

  /**
   * The distinct reads among {@code points}: stage points with the same non-zero terms read θ once
   * (the ODE block shares such reads, e.g. RK4's two mid-step stages, or the end of one step and
   * the start of the next for a continuous basis), in first-seen order.
   */
  public static List<List<Term>> distinctReads(Basis basis, List<Basis.Node> points) {
    Set<List<Term>> seen = new LinkedHashSet<>();
    for (Basis.Node p : points) {
      seen.add(List.copyOf(basis.terms(p.t(), p.side())));
    }
    return new ArrayList<>(seen);
  }

  /** Φ of the {@linkplain #distinctReads distinct reads}, [D][K]: row d holds φₖ at read d. */
  public static double[][] readMatrix(Basis basis, List<Basis.Node> points) {
    List<List<Term>> reads = distinctReads(basis, points);
    double[][] phi = new double[reads.size()][basis.size()];
    for (int d = 0; d < phi.length; d++) {
      for (Term term : reads.get(d)) {
        phi[d][term.index()] += term.weight();
      }
    }
    return phi;
  }

  /**
   * Applies the rule to one variance coefficient tensor of shape [K, trailing] (row-major), in
   * place for nodal bases.
   *
   * @param points the depths (and sides) at which the graph reads the variance, i.e. the stage
   *     points of the block that will use these coefficients; used for non-nodal bases only
   * @return nodal: coefficients clamped to {@link #FLOOR}; otherwise (coefficients untouched)
   *     (distinct read, entry) pairs whose variance is ≤ 0
   */
  public static long apply(
      Basis basis, double[] coefficients, int trailing, List<Basis.Node> points) {
    if (coefficients.length != (long) basis.size() * trailing) {
      throw new IllegalArgumentException(
          "variance coefficients for "
              + basis.spec()
              + ": expected "
              + basis.size()
              + " x "
              + trailing
              + " values, found "
              + coefficients.length);
    }
    if (basis.nodal()) {
      return clampValues(coefficients);
    }
    return nonPositiveReads(basis, coefficients, trailing, points);
  }

  /**
   * Sets every value ≤ 0 to {@link #FLOOR} (plain variances, or nodal coefficients); returns how
   * many.
   */
  public static long clampValues(double[] values) {
    long clamps = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] <= 0) {
        values[i] = FLOOR;
        clamps++;
      }
    }
    return clamps;
  }

  /**
   * (distinct read, entry) pairs of a [K, trailing] coefficient tensor whose value θ(tᵢ) is ≤ 0,
   * computed in double.
   */
  public static long nonPositiveReads(
      Basis basis, double[] coefficients, int trailing, List<Basis.Node> points) {
    double[][] phi = readMatrix(basis, points);
    int k = basis.size();
    long count = 0;
    for (double[] row : phi) {
      for (int e = 0; e < trailing; e++) {
        double v = 0;
        for (int j = 0; j < k; j++) {
          v += row[j] * coefficients[j * trailing + e];
        }
        if (v <= 0) {
          count++;
        }
      }
    }
    return count;
  }
}
