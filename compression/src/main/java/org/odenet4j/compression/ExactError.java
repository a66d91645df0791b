package org.odenet4j.compression;

import java.util.List;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.GaussLegendre;
import org.odenet4j.basis.Gram;
import org.odenet4j.basis.L2Error;
import org.odenet4j.basis.Term;

/**
 * The exact ‖θ_A − θ_B‖ and ‖θ_A‖ in L2(0, 1), summed over many [K, m] tensor pairs: the same
 * quadrature as {@link org.odenet4j.basis.ErrorAccumulator} (Gauss–Legendre on every interval of
 * the union of both breakpoint sets, exact for the squared difference, which is a polynomial
 * there). The difference is integrated directly, so there is no cancellation. Two things make it
 * fast enough for millions of entries: each basis is evaluated sparsely (at most two non-zero φₖ
 * for the local families), and the caller passes the mapped tensor it already has.
 */
final class ExactError {
  private final int ka;
  private final int kb;
  private final double[] weights;
  private final int[][] indexA;
  private final double[][] phiA;
  private final int[][] indexB;
  private final double[][] phiB;
  private double squaredError;
  private double squaredNorm;

  ExactError(ChangeOfBasis map) {
    Basis a = map.from();
    Basis b = map.to();
    ka = a.size();
    kb = b.size();
    double[] edges = Gram.union(a.breakpoints(), b.breakpoints());
    GaussLegendre rule = GaussLegendre.exactFor(2 * Math.max(a.degree(), b.degree()));
    int points = rule.nodes().length;
    int q = (edges.length - 1) * points;
    weights = new double[q];
    indexA = new int[q][];
    phiA = new double[q][];
    indexB = new int[q][];
    phiB = new double[q][];
    int i = 0;
    for (int c = 0; c + 1 < edges.length; c++) {
      double half = 0.5 * (edges[c + 1] - edges[c]);
      double[] x = rule.mapped(edges[c], edges[c + 1]);
      for (int p = 0; p < points; p++, i++) {
        weights[i] = rule.weights()[p] * half;
        List<Term> ta = a.terms(x[p]); // interior point: the side does not matter
        List<Term> tb = b.terms(x[p]);
        indexA[i] = ta.stream().mapToInt(Term::index).toArray();
        phiA[i] = ta.stream().mapToDouble(Term::weight).toArray();
        indexB[i] = tb.stream().mapToInt(Term::index).toArray();
        phiB[i] = tb.stream().mapToDouble(Term::weight).toArray();
      }
    }
  }

  /** Adds a row-major [K_A, m] tensor {@code a} and its image {@code b} = T·a, [K_B, m]. */
  ExactError add(double[] a, double[] b, int trailing) {
    if (a.length != (long) ka * trailing || b.length != (long) kb * trailing) {
      throw new IllegalArgumentException(
          "error: expected ["
              + ka
              + ", "
              + trailing
              + "] and ["
              + kb
              + ", "
              + trailing
              + "] tensors, found "
              + a.length
              + " and "
              + b.length
              + " values");
    }
    double err = 0;
    double norm = 0;
    for (int q = 0; q < weights.length; q++) {
      int[] ia = indexA[q];
      double[] wa = phiA[q];
      int[] ib = indexB[q];
      double[] wb = phiB[q];
      double w = weights[q];
      double e2 = 0;
      double n2 = 0;
      for (int e = 0; e < trailing; e++) {
        double ta = 0;
        for (int k = 0; k < ia.length; k++) {
          ta += wa[k] * a[ia[k] * trailing + e];
        }
        double tb = 0;
        for (int k = 0; k < ib.length; k++) {
          tb += wb[k] * b[ib[k] * trailing + e];
        }
        double d = ta - tb;
        e2 += d * d;
        n2 += ta * ta;
      }
      err += w * e2;
      norm += w * n2;
    }
    squaredError += err;
    squaredNorm += norm;
    return this;
  }

  L2Error result() {
    return new L2Error(Math.sqrt(squaredError), Math.sqrt(squaredNorm));
  }
}
