package org.odenet4j.ode;

import org.odenet4j.basis.Basis;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;
import org.odenet4j.layers.CoefficientInit;

/**
 * How an ODE block discretises depth: the basis of its weights ({@code family:K}), N steps of a
 * scheme, the rate scaling ε (dh/dt = ε·R) and how coefficients start.
 *
 * @param basis {@code family:K}
 * @param steps N ≥ 1
 * @param scheme euler, midpoint, rk4 or rk4_38
 * @param epsilon ε; with Euler and ε = N each step adds exactly R(h), a residual unit
 * @param init coefficient initialisation
 */
public record OdeBlockSpec(
    String basis, int steps, String scheme, double epsilon, CoefficientInit init) {

  public OdeBlockSpec {
    basis = BasisSpec.parse(basis).toString();
    scheme = Scheme.byName(scheme).name();
    if (steps < 1) {
      throw new IllegalArgumentException("steps: expected N >= 1, found " + steps);
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon: expected a finite number > 0, found " + epsilon);
    }
    if (init == null) {
      init = CoefficientInit.IDENTICAL;
    }
  }

  /** Euler, ε = 1, identical coefficients. */
  public static OdeBlockSpec of(String basis, int steps) {
    return new OdeBlockSpec(basis, steps, "euler", 1.0, CoefficientInit.IDENTICAL);
  }

  public Basis parsedBasis() {
    return Basis.parse(basis);
  }

  public Scheme parsedScheme() {
    return Scheme.byName(scheme);
  }

  public StageTimes stageTimes() {
    return StageTimes.of(parsedScheme(), steps);
  }

  public OdeBlockSpec withBasis(String newBasis) {
    return new OdeBlockSpec(newBasis, steps, scheme, epsilon, init);
  }

  public OdeBlockSpec withSteps(int newSteps) {
    return new OdeBlockSpec(basis, newSteps, scheme, epsilon, init);
  }

  public OdeBlockSpec withScheme(String newScheme) {
    return new OdeBlockSpec(basis, steps, newScheme, epsilon, init);
  }

  public OdeBlockSpec withEpsilon(double newEpsilon) {
    return new OdeBlockSpec(basis, steps, scheme, newEpsilon, init);
  }
}
