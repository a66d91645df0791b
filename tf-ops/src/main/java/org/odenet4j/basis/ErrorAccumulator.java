package org.odenet4j.basis;

/**
 * Accumulates the exact squared L2 distance ‖θ_A − θ_B‖² and ‖θ_A‖² over many tensors mapped by
 * one {@link ChangeOfBasis}, so the error of a whole block (all its parameters) is one number.
 *
 * <p>The residual θ_A − θ_B is a polynomial of degree ≤ max(deg A, deg B) on every interval of the
 * union of both breakpoint sets, so Gauss–Legendre quadrature with enough points per interval
 * integrates its square exactly. The residual at the quadrature points is a fixed linear map of
 * the source coefficients, R = √w·(Φ_A − Φ_B·T), precomputed once; the error is then a plain sum
 * of squares Σ_q (R·c)_q², which, unlike cᵀM_AA c − 2(Tc)ᵀM_BA c + (Tc)ᵀM_BB(Tc), does not lose
 * digits to cancellation when the error is tiny.
 */
public final class ErrorAccumulator {
  private final ChangeOfBasis map;
  private final double[][] residual; // [Q][K_A]
  private final double[][] source; // [Q][K_A]
  private double squaredError;
  private double squaredNorm;

  private ErrorAccumulator(ChangeOfBasis map) {
    this.map = map;
    Basis a = map.from();
    Basis b = map.to();
    double[] edges = Gram.union(a.breakpoints(), b.breakpoints());
    GaussLegendre rule = GaussLegendre.exactFor(2 * Math.max(a.degree(), b.degree()));
    int perInterval = rule.nodes().length;
    int q = (edges.length - 1) * perInterval;
    residual = new double[q][];
    source = new double[q][];
    double[][] t = map.matrix();
    int row = 0;
    for (int c = 0; c + 1 < edges.length; c++) {
      double half = 0.5 * (edges[c + 1] - edges[c]);
      double[] x = rule.mapped(edges[c], edges[c + 1]);
      for (int p = 0; p < perInterval; p++) {
        double sw = Math.sqrt(rule.weights()[p] * half);
        double[] pa = a.evaluate(x[p]);
        double[] pb = b.evaluate(x[p]);
        double[] r = new double[a.size()];
        double[] s = new double[a.size()];
        for (int j = 0; j < a.size(); j++) {
          double btj = 0.0;
          for (int i = 0; i < b.size(); i++) {
            btj += pb[i] * t[i][j];
          }
          r[j] = sw * (pa[j] - btj);
          s[j] = sw * pa[j];
        }
        residual[row] = r;
        source[row] = s;
        row++;
      }
    }
  }

  public static ErrorAccumulator of(ChangeOfBasis map) {
    return new ErrorAccumulator(map);
  }

  /** Adds a row-major [K_A, m] tensor. */
  public ErrorAccumulator add(double[] tensor, int trailing) {
    int ka = map.from().size();
    if (tensor.length != (long) ka * trailing) {
      throw new IllegalArgumentException(
          "tensor for " + map.from().spec() + ": expected " + ka + " x " + trailing + " values, found " + tensor.length);
    }
    double[] c = new double[ka];
    for (int e = 0; e < trailing; e++) {
      for (int k = 0; k < ka; k++) {
        c[k] = tensor[k * trailing + e];
      }
      for (int q = 0; q < residual.length; q++) {
        double r = Matrices.dot(residual[q], c);
        double s = Matrices.dot(source[q], c);
        squaredError += r * r;
        squaredNorm += s * s;
      }
    }
    return this;
  }

  /** Merges another result's totals (for a block made of several tensors). */
  public ErrorAccumulator add(L2Error other) {
    squaredError += other.absolute() * other.absolute();
    squaredNorm += other.norm() * other.norm();
    return this;
  }

  public L2Error result() {
    return new L2Error(Math.sqrt(squaredError), Math.sqrt(squaredNorm));
  }
}
