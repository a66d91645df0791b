package org.odenet4j.basis;

import java.util.Arrays;

/**
 * Exact Gram (mass) matrices G_ij = ∫₀¹ φᵢ^B(t)·φⱼ^A(t) dt between two bases. Both bases are
 * polynomials of known degree between their breakpoints, so the integrand is a polynomial of degree
 * deg A + deg B on every interval of the union of both breakpoint sets; Gauss–Legendre with ⌈(deg A
 * + deg B + 1)/2⌉ points per interval integrates it exactly (up to rounding).
 */
public final class Gram {
  private Gram() {}

  /** M_BA, shape [K_B][K_A]: (M_BA)_ij = ∫ φᵢ^B φⱼ^A. */
  public static double[][] between(Basis b, Basis a) {
    double[] edges = union(b.breakpoints(), a.breakpoints());
    GaussLegendre rule = GaussLegendre.exactFor(b.degree() + a.degree());
    double[][] g = new double[b.size()][a.size()];
    for (int c = 0; c + 1 < edges.length; c++) {
      double lo = edges[c];
      double hi = edges[c + 1];
      double half = 0.5 * (hi - lo);
      double[] x = rule.mapped(lo, hi);
      for (int q = 0; q < x.length; q++) {
        double w = rule.weights()[q] * half;
        // interior point of an interval: no breakpoint of either basis, so the side is irrelevant
        double[] pb = b.evaluate(x[q]);
        double[] pa = a == b ? pb : a.evaluate(x[q]);
        for (int i = 0; i < pb.length; i++) {
          if (pb[i] == 0.0) {
            continue;
          }
          double wi = w * pb[i];
          for (int j = 0; j < pa.length; j++) {
            g[i][j] += wi * pa[j];
          }
        }
      }
    }
    return g;
  }

  /** The mass matrix M = ∫ φᵢ φⱼ of one basis. */
  public static double[][] mass(Basis basis) {
    return between(basis, basis);
  }

  /** Sorted union of two breakpoint sets, merging points closer than 1e-12. */
  public static double[] union(double[] x, double[] y) {
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    Arrays.sort(all);
    double[] out = new double[all.length];
    int n = 0;
    for (double v : all) {
      if (n == 0 || v - out[n - 1] > 1e-12) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
