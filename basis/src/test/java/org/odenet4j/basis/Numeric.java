package org.odenet4j.basis;

import java.util.Random;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * Independent numerical routes for the tests: adaptive Gauss–Legendre integration from Commons Math
 * over the pieces between breakpoints (never our {@link Gram} or {@link GaussLegendre}), and seeded
 * random data.
 */
final class Numeric {
  private Numeric() {}

  /** ∫₀¹ f with Commons Math, piece by piece between the breakpoints of the given bases. */
  static double integrate(DoubleUnaryOperator f, Basis... bases) {
    TreeSet<Double> edges = new TreeSet<>();
    edges.add(0.0);
    edges.add(1.0);
    for (Basis b : bases) {
      int cells = cellsOf(b);
      for (int i = 1; i < cells; i++) {
        edges.add((double) i / cells);
      }
    }
    Double[] e = edges.toArray(new Double[0]);
    double sum = 0.0;
    for (int i = 0; i + 1 < e.length; i++) {
      if (e[i + 1] - e[i] < 1e-12) {
        continue;
      }
      IterativeLegendreGaussIntegrator integrator =
          new IterativeLegendreGaussIntegrator(8, 1e-14, 1e-16);
      sum += integrator.integrate(1_000_000, f::applyAsDouble, e[i], e[i + 1]);
    }
    return sum;
  }

  /** The number of polynomial pieces of a basis, derived from its definition, not breakpoints(). */
  static int cellsOf(Basis b) {
    if (b instanceof PiecewiseConstantBasis) {
      return b.size();
    } else if (b instanceof PiecewiseLinearBasis) {
      return b.size() / 2;
    } else if (b instanceof FemLinearBasis) {
      return Math.max(1, b.size() - 1);
    }
    return 1;
  }

  /** φᵢ as a function. */
  static DoubleUnaryOperator phi(Basis b, int i) {
    return t -> b.evaluate(t)[i];
  }

  /** θ(t) = Σ φₖ(t)·cₖ. */
  static DoubleUnaryOperator theta(Basis b, double[] c) {
    return t -> b.value(c, t);
  }

  static double[] random(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2.0 * rnd.nextDouble() - 1.0;
    }
    return x;
  }

  static double maxAbsDiff(double[][] a, double[][] b) {
    double m = 0.0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return m;
  }

  /** One basis of every family at a few sizes. */
  static Basis[] samples() {
    return new Basis[] {
      new PiecewiseConstantBasis(1),
      new PiecewiseConstantBasis(4),
      new PiecewiseConstantBasis(7),
      new PiecewiseLinearBasis(2),
      new PiecewiseLinearBasis(6),
      new PiecewiseLinearBasis(8),
      new FemLinearBasis(1),
      new FemLinearBasis(2),
      new FemLinearBasis(5),
      new FemLinearBasis(9),
      new LegendreBasis(1),
      new LegendreBasis(3),
      new LegendreBasis(6)
    };
  }
}
