package org.odenet4j.ops;

import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.Stage;
import org.odenet4j.integrate.StageTimes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Unrolls N explicit Runge–Kutta steps of dx/dt = scale·R(t, x) on [0, 1] into graph ops:
 *
 * <pre>
 *   kᵢ = R(tₙ + cᵢ·dt, x + dt·scale·Σⱼ aᵢⱼ kⱼ)
 *   x ← x + dt·scale·Σᵢ bᵢ kᵢ
 * </pre>
 *
 * Zero tableau entries emit nothing, and a factor dt·scale·a equal to 1 emits no multiplication, so
 * Euler with N steps and scale = N is literally x + R(x) per step: a residual network.
 */
public final class Unroller {
  private Unroller() {}

  /** x(1) for x(0) = x0, with no rate scaling. */
  public static <T extends TNumber> Operand<T> integrate(
      Ops tf, Operand<T> x0, StageTimes times, RateFunction<T> rate) {
    return integrate(tf, x0, times, 1.0, rate);
  }

  /** x(1) for x(0) = x0 and dx/dt = scale·R(t, x). */
  public static <T extends TNumber> Operand<T> integrate(
      Ops tf, Operand<T> x0, StageTimes times, double scale, RateFunction<T> rate) {
    Scheme scheme = times.scheme();
    int s = scheme.stages();
    // scale / N, not (1 / N)·scale: the latter rounds to 0.9999999999999999 for scale = N = 49, 98,
    // …
    // and would emit a Mul where a plain residual update x + R(x) is meant
    double h = scale / times.steps();
    Operand<T> x = x0;
    for (int n = 0; n < times.steps(); n++) {
      @SuppressWarnings("unchecked")
      Operand<T>[] k = new Operand[s];
      for (int i = 0; i < s; i++) {
        Stage stage = times.stages().get(n * s + i);
        Operand<T> xi = x;
        for (int j = 0; j < i; j++) {
          xi = axpy(tf, h * scheme.a(i, j), k[j], xi);
        }
        k[i] = rate.apply(stage, xi);
      }
      Operand<T> next = x;
      for (int i = 0; i < s; i++) {
        next = axpy(tf, h * scheme.b(i), k[i], next);
      }
      x = next;
    }
    return x;
  }

  /** y + a·x, emitting nothing for a = 0 and no multiply for a = 1. */
  private static <T extends TNumber> Operand<T> axpy(Ops tf, double a, Operand<T> x, Operand<T> y) {
    if (a == 0.0) {
      return y;
    }
    Operand<T> ax = a == 1.0 ? x : tf.math.mul(tf.constant(x.type(), a), x);
    return tf.math.add(y, ax);
  }
}
