package org.odenet4j.ode;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.Objects;
import org.odenet4j.basis.Basis;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;
import org.odenet4j.layers.CoefficientInit;

/**
 * How an ODE block discretises depth: the basis of its weights, N steps of a scheme, the rate
 * scaling ε (dh/dt = ε·R) and how coefficients start. Typed: a {@link Basis} and a {@link Scheme},
 * parsed once where text comes in ({@link #of(String, int)}, JSON), never again where used. In JSON
 * the basis is written {@code family:K} and the scheme by its name.
 *
 * @param basis the basis of every coefficient variable of the block
 * @param steps N ≥ 1
 * @param scheme the integration scheme (its tableau is immutable)
 * @param epsilon ε; with Euler and ε = N each step adds exactly R(h), a residual unit
 * @param init coefficient initialisation
 */
public record OdeBlockSpec(
    @JsonSerialize(using = ToStringSerializer.class) Basis basis,
    int steps,
    @JsonSerialize(using = ToStringSerializer.class) Scheme scheme,
    double epsilon,
    CoefficientInit init) {

  public OdeBlockSpec {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(scheme, "scheme");
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

  /**
   * From text: {@code basis} as {@code family:K} and {@code scheme} by name (both with one-line
   * "expected …, found …" errors). Also how JSON is read.
   */
  @JsonCreator
  public OdeBlockSpec(
      @JsonProperty("basis") String basis,
      @JsonProperty("steps") int steps,
      @JsonProperty("scheme") String scheme,
      @JsonProperty("epsilon") double epsilon,
      @JsonProperty("init") CoefficientInit init) {
    this(Basis.parse(basis), steps, Scheme.byName(scheme), epsilon, init);
  }

  /** Euler, ε = 1, identical coefficients. */
  public static OdeBlockSpec of(Basis basis, int steps) {
    return new OdeBlockSpec(basis, steps, Scheme.EULER, 1.0, CoefficientInit.IDENTICAL);
  }

  /** Euler, ε = 1, identical coefficients; {@code basis} as {@code family:K}. */
  public static OdeBlockSpec of(String basis, int steps) {
    return of(Basis.parse(basis), steps);
  }

  public StageTimes stageTimes() {
    return StageTimes.of(scheme, steps);
  }

  public OdeBlockSpec withBasis(Basis newBasis) {
    return new OdeBlockSpec(newBasis, steps, scheme, epsilon, init);
  }

  /** {@code newBasis} as {@code family:K}. */
  public OdeBlockSpec withBasis(String newBasis) {
    return withBasis(Basis.parse(newBasis));
  }

  public OdeBlockSpec withSteps(int newSteps) {
    return new OdeBlockSpec(basis, newSteps, scheme, epsilon, init);
  }

  public OdeBlockSpec withScheme(Scheme newScheme) {
    return new OdeBlockSpec(basis, steps, newScheme, epsilon, init);
  }

  /** {@code newScheme} by name. */
  public OdeBlockSpec withScheme(String newScheme) {
    return withScheme(Scheme.byName(newScheme));
  }

  public OdeBlockSpec withEpsilon(double newEpsilon) {
    return new OdeBlockSpec(basis, steps, scheme, newEpsilon, init);
  }
}
