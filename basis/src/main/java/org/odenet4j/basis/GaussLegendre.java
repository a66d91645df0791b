package org.odenet4j.basis;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The n-point Gauss–Legendre rule on [−1, 1]: exact for polynomials of degree ≤ 2n − 1. Nodes are
 * the roots of Pₙ found by Newton's method from the Tricomi initial guesses, weights 2 / ((1 −
 * x²)·Pₙ'(x)²). Rules are cached.
 *
 * @param nodes ascending nodes in (−1, 1)
 * @param weights the matching weights, summing to 2
 */
public record GaussLegendre(double[] nodes, double[] weights) {
  private static final ConcurrentHashMap<Integer, GaussLegendre> CACHE = new ConcurrentHashMap<>();

  /** The rule with n ≥ 1 points. */
  public static GaussLegendre of(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Gauss-Legendre points: expected n >= 1, found " + n);
    }
    return CACHE.computeIfAbsent(n, GaussLegendre::compute);
  }

  /** The smallest rule that integrates polynomials of the given degree exactly. */
  public static GaussLegendre exactFor(int degree) {
    return of(Math.max(1, (degree + 2) / 2));
  }

  /** ∫ₐᵇ f for a function given by its values at {@link #mapped(double, double)} points. */
  public double[] mapped(double a, double b) {
    double[] x = new double[nodes.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.5 * (a + b) + 0.5 * (b - a) * nodes[i];
    }
    return x;
  }

  private static GaussLegendre compute(int n) {
    double[] x = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < (n + 1) / 2; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0.0;
      for (int iteration = 0; iteration < 100; iteration++) {
        double p0 = 1.0;
        double p1 = z;
        for (int k = 1; k < n; k++) {
          double p2 = ((2.0 * k + 1.0) * z * p1 - k * p0) / (k + 1.0);
          p0 = p1;
          p1 = p2;
        }
        double pn = n == 1 ? z : p1;
        double pnm1 = n == 1 ? 1.0 : p0;
        dp = n * (z * pn - pnm1) / (z * z - 1.0);
        double dz = pn / dp;
        z -= dz;
        if (Math.abs(dz) < 1e-16) {
          break;
        }
      }
      // recompute derivative at the converged root
      double p0 = 1.0;
      double p1 = z;
      for (int k = 1; k < n; k++) {
        double p2 = ((2.0 * k + 1.0) * z * p1 - k * p0) / (k + 1.0);
        p0 = p1;
        p1 = p2;
      }
      dp = n == 1 ? 1.0 : n * (z * p1 - p0) / (z * z - 1.0);
      double weight = 2.0 / ((1.0 - z * z) * dp * dp);
      x[i] = -z;
      x[n - 1 - i] = z;
      w[i] = weight;
      w[n - 1 - i] = weight;
    }
    if (n % 2 == 1) {
      x[n / 2] = 0.0;
    }
    return new GaussLegendre(x, w);
  }
}
