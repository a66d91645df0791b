package org.odenet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.FemLinearBasis;
import org.odenet4j.basis.LegendreBasis;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Acceptance line: the unrolled TF graph of dx/dt = λ(t)·x, λ a basis expansion read through {@link
 * BasisOps}, converges at the classical order of each scheme (1, 2, 4, 4), measured against the
 * closed form x0·exp(∫λ) and cross-checked against Commons Math's Dormand–Prince 8(5,3).
 */
class UnrollerConvergenceTest {
  private static final int[] STEPS = {8, 16, 32, 64};
  private static final double[] X0 = {1.0, 0.5};

  /** λ coefficients, [K][2]: two independent scalar ODEs, one per column. */
  private static double[] column(double[][] lambda, int j) {
    double[] c = new double[lambda.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = lambda[k][j];
    }
    return c;
  }

  /**
   * x(1) by DormandPrince853 at tolerance 1e-14, restarted at every breakpoint (λ has kinks there).
   */
  private static double dormandPrince(Basis basis, double[] c, double x0) {
    FirstOrderDifferentialEquations ode =
        new FirstOrderDifferentialEquations() {
          @Override
          public int getDimension() {
            return 1;
          }

          @Override
          public void computeDerivatives(double t, double[] y, double[] dy) {
            dy[0] = basis.value(c, Math.min(1.0, Math.max(0.0, t))) * y[0];
          }
        };
    double[] y = {x0};
    double[] edges = basis.breakpoints();
    for (int i = 0; i + 1 < edges.length; i++) {
      new DormandPrince853Integrator(1e-12, 1.0, 1e-15, 1e-14)
          .integrate(ode, edges[i], y, edges[i + 1], y);
    }
    return y[0];
  }

  /**
   * ∫₀¹ λ in closed form: legendre → c₀; fem_linear → trapezoid sum (exact for piecewise linear).
   */
  private static double integralOfLambda(Basis basis, double[] c) {
    if (basis instanceof LegendreBasis) {
      return c[0];
    }
    int e = basis.size() - 1;
    double s = 0.5 * (c[0] + c[e]);
    for (int k = 1; k < e; k++) {
      s += c[k];
    }
    return s / e;
  }

  /** Relative errors [component][N-index] of the graph's x(1), per scheme. */
  private static Map<Scheme, double[][]> errors(Basis basis, double[][] lambda) {
    double[] exact = new double[2];
    for (int j = 0; j < 2; j++) {
      exact[j] = X0[j] * Math.exp(integralOfLambda(basis, column(lambda, j)));
      double dp = dormandPrince(basis, column(lambda, j), X0[j]);
      assertThat(dp)
          .as("DP853 vs closed form, component %d", j)
          .isCloseTo(exact[j], within(1e-12 * Math.abs(exact[j])));
    }
    Map<Scheme, double[][]> out = new LinkedHashMap<>();
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> coefficients = tf.constant(lambda);
      Operand<TFloat64> x0 = tf.constant(X0);
      List<Operand<TFloat64>> finals = new ArrayList<>();
      for (Scheme scheme : Scheme.ALL) {
        for (int n : STEPS) {
          finals.add(
              Unroller.integrate(
                  tf,
                  x0,
                  StageTimes.of(scheme, n),
                  (stage, x) ->
                      tf.math.mul(
                          BasisOps.at(tf, coefficients, basis, stage.t(), stage.side()), x)));
        }
      }
      Session.Runner runner = session.runner();
      finals.forEach(runner::fetch);
      try (Result r = runner.run()) {
        int o = 0;
        for (Scheme scheme : Scheme.ALL) {
          double[][] e = new double[2][STEPS.length];
          for (int i = 0; i < STEPS.length; i++, o++) {
            TFloat64 x1 = (TFloat64) r.get(o);
            for (int j = 0; j < 2; j++) {
              e[j][i] = Math.abs(x1.getDouble(j) - exact[j]) / Math.abs(exact[j]);
            }
          }
          out.put(scheme, e);
        }
      }
    }
    return out;
  }

  private static double[] orders(double[] e) {
    double[] p = new double[e.length - 1];
    for (int i = 0; i + 1 < e.length; i++) {
      p[i] = Math.log(e[i] / e[i + 1]) / Math.log(2);
    }
    return p;
  }

  /** Least-squares slope of −log₂ e against log₂ N. */
  private static double fittedOrder(double[] e) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < e.length; i++) {
      mx += Math.log(STEPS[i]) / Math.log(2) / e.length;
      my += -Math.log(e[i]) / Math.log(2) / e.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < e.length; i++) {
      double dx = Math.log(STEPS[i]) / Math.log(2) - mx;
      sxy += dx * (-Math.log(e[i]) / Math.log(2) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  private static void assertOrders(Basis basis, Map<Scheme, double[][]> errors) {
    StringBuilder table = new StringBuilder(basis.spec() + " observed orders (N = 8→16→32→64):\n");
    for (Map.Entry<Scheme, double[][]> entry : errors.entrySet()) {
      for (int j = 0; j < 2; j++) {
        double[] e = entry.getValue()[j];
        double[] p = orders(e);
        table.append(
            String.format(
                "  %-8s x[%d] errors %.3e %.3e %.3e %.3e  orders %.3f %.3f %.3f  fit %.3f%n",
                entry.getKey().name(),
                j,
                e[0],
                e[1],
                e[2],
                e[3],
                p[0],
                p[1],
                p[2],
                fittedOrder(e)));
      }
    }
    System.out.print(table);
    for (Scheme scheme : errors.keySet()) {
      for (int j = 0; j < 2; j++) {
        double[] e = errors.get(scheme)[j];
        // the finest error must be far above rounding, or the order would measure noise
        assertThat(e[e.length - 1])
            .as("%s %s x[%d] N=64", basis.spec(), scheme, j)
            .isGreaterThan(1e-11);
        // the fitted slope over N = 8…64, and the most asymptotic ratio (32 → 64), both within ±0.3
        assertThat(fittedOrder(e))
            .as("%s %s x[%d] fitted order", basis.spec(), scheme, j)
            .isCloseTo(scheme.order(), within(0.3));
        double[] p = orders(e);
        assertThat(p[p.length - 1])
            .as("%s %s x[%d] order between N=32 and N=64", basis.spec(), scheme, j)
            .isCloseTo(scheme.order(), within(0.3));
      }
    }
  }

  @Test
  void legendreRateConvergesAtTheClassicalOrders() {
    // λ(t) = c₀ + c₁P₁(2t−1) + c₂P₂(2t−1), smooth on [0, 1]
    Basis basis = new LegendreBasis(3);
    double[][] lambda = {{2.0, -1.5}, {0.6, 0.5}, {-0.4, 0.5}};
    assertOrders(basis, errors(basis, lambda));
  }

  @Test
  void femRateWithStepsAlignedToElementsConvergesAtTheClassicalOrders() {
    // λ piecewise linear on 4 elements; N = 8…64 are multiples of 4, so λ is smooth inside each
    // step
    Basis basis = new FemLinearBasis(5);
    double[][] lambda = {{1.0, -1.0}, {2.0, -1.6}, {1.2, -0.8}, {1.8, -1.4}, {1.4, -1.2}};
    assertOrders(basis, errors(basis, lambda));
  }
}
