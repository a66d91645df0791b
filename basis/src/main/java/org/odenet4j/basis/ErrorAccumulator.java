package org.odenet4j.basis;

/**
 * Accumulates the exact squared L2 distance ‖θ_A − θ_B‖² = ∫₀¹ (θ_A − θ_B)² and ‖θ_A‖² over many
 * tensors mapped by one {@link ChangeOfBasis}, so the error of a whole block (all its parameters)
 * is one number.
 *
 * <p>The difference is integrated directly, by Gauss–Legendre on every interval of the union of
 * both breakpoint sets with enough points for (θ_A − θ_B)² (a polynomial there), so the result is
 * exact up to rounding of the difference itself. The Gram-matrix expansion cᵀM_AA c − 2(Tc)ᵀM_BA c
 * + (Tc)ᵀM_BB(Tc) would cancel catastrophically: its rounding floor is about √ε·‖θ_A‖, i.e. ~1e-8
 * relative even when θ_B = θ_A.
 */
public final class ErrorAccumulator {
  private final ChangeOfBasis map;

  /** Quadrature weights on [0, 1]. */
  private final double[] weights;

  /** φₖ^A at the quadrature points, [Q][K_A]. */
  private final double[][] valuesA;

  /** φₖ^B at the quadrature points, [Q][K_B]. */
  private final double[][] valuesB;

  private double squaredError;
  private double squaredNorm;

  private ErrorAccumulator(ChangeOfBasis map) {
    this.map = map;
    Basis a = map.from();
    Basis b = map.to();
    double[] edges = Gram.union(a.breakpoints(), b.breakpoints());
    GaussLegendre rule = GaussLegendre.exactFor(2 * Math.max(a.degree(), b.degree()));
    int points = rule.nodes().length;
    int q = (edges.length - 1) * points;
    this.weights = new double[q];
    this.valuesA = new double[q][];
    this.valuesB = new double[q][];
    int i = 0;
    for (int c = 0; c + 1 < edges.length; c++) {
      double half = 0.5 * (edges[c + 1] - edges[c]);
      double[] x = rule.mapped(edges[c], edges[c + 1]);
      for (int p = 0; p < points; p++, i++) {
        // interior point of an interval: no breakpoint of either basis, so the side is irrelevant
        weights[i] = rule.weights()[p] * half;
        valuesA[i] = a.evaluate(x[p]);
        valuesB[i] = b.evaluate(x[p]);
      }
    }
  }

  public static ErrorAccumulator of(ChangeOfBasis map) {
    return new ErrorAccumulator(map);
  }

  /** Adds a row-major [K_A, m] tensor. */
  public ErrorAccumulator add(double[] tensor, int trailing) {
    int ka = map.from().size();
    int kb = map.to().size();
    double[] mapped = map.apply(tensor, trailing);
    double[] ca = new double[ka];
    double[] cb = new double[kb];
    for (int e = 0; e < trailing; e++) {
      for (int k = 0; k < ka; k++) {
        ca[k] = tensor[k * trailing + e];
      }
      for (int k = 0; k < kb; k++) {
        cb[k] = mapped[k * trailing + e];
      }
      for (int q = 0; q < weights.length; q++) {
        double thetaA = Matrices.dot(valuesA[q], ca);
        double diff = thetaA - Matrices.dot(valuesB[q], cb);
        squaredError += weights[q] * diff * diff;
        squaredNorm += weights[q] * thetaA * thetaA;
      }
    }
    return this;
  }

  /** Merges another accumulator's totals (for the same kind of map). */
  public ErrorAccumulator add(L2Error other) {
    squaredError += other.absolute() * other.absolute();
    squaredNorm += other.norm() * other.norm();
    return this;
  }

  public L2Error result() {
    return new L2Error(Math.sqrt(squaredError), Math.sqrt(squaredNorm));
  }
}
