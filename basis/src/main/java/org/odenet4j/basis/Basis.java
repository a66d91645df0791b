package org.odenet4j.basis;

import java.util.Arrays;
import java.util.List;

/**
 * A finite basis {φ₀ … φ_{K−1}} of functions on the depth interval [0, 1]. A coefficient vector c
 * of length K stands for the function θ(t) = Σₖ φₖ(t)·cₖ; a weight tensor of shape {@code [K, …]}
 * stands for one such function per trailing entry.
 *
 * <p>Every family is piecewise polynomial on the uniform partition given by {@link #breakpoints()},
 * with degree at most {@link #degree()} on each piece, which is what makes every Gram matrix
 * exactly computable by Gauss–Legendre quadrature (see {@link Gram}).
 */
public sealed interface Basis
    permits PiecewiseConstantBasis, PiecewiseLinearBasis, FemLinearBasis, LegendreBasis {

  /** The family name as used in {@code family:K}, e.g. {@code piecewise_constant}. */
  String family();

  /** K, the number of coefficients. */
  int size();

  /** Polynomial degree of every φₖ on each piece between breakpoints. */
  int degree();

  /** Sorted breakpoints, including 0 and 1; every φₖ is a polynomial between two neighbours. */
  double[] breakpoints();

  /** True when at most two φₖ are non-zero at any depth. */
  boolean isLocal();

  /**
   * True when the coefficients are values of θ: every cₖ is θ at a node (for a discontinuous
   * family, a one-sided limit there), and at every depth θ(t) is a convex combination of at most
   * two coefficients (weights ≥ 0 summing to 1). Then for any bound a, cₖ ≥ a for all k if and only
   * if θ(t) ≥ a for all t, so a positivity constraint on a function (a BatchNorm running variance)
   * may be imposed on its coefficients. True for piecewise_constant, piecewise_linear and
   * fem_linear; false for legendre, whose coefficients k ≥ 1 are signed for perfectly positive
   * functions (see {@link VarianceFloor}).
   */
  boolean nodal();

  /**
   * The coefficients of the constant function θ(t) = 1. All ones for the nodal families (their
   * functions sum to one at every depth); legendre overrides it with (1, 0, …, 0), since P₀ = 1 and
   * every other Pₖ integrates to zero. A parameter that starts constant in depth at value v has
   * coefficients v·constant().
   */
  default double[] constant() {
    double[] ones = new double[size()];
    Arrays.fill(ones, 1.0);
    return ones;
  }

  /** The non-zero terms at depth t (at most two for local bases; all K for legendre). */
  List<Term> terms(double t, Side side);

  /** The non-zero terms at depth t, breakpoints read from the right. */
  default List<Term> terms(double t) {
    return terms(t, Side.RIGHT);
  }

  /** All K values φₖ(t). */
  default double[] evaluate(double t, Side side) {
    double[] phi = new double[size()];
    for (Term term : terms(t, side)) {
      phi[term.index()] += term.weight();
    }
    return phi;
  }

  /** All K values φₖ(t), breakpoints read from the right. */
  default double[] evaluate(double t) {
    return evaluate(t, Side.RIGHT);
  }

  /** θ(t) = Σₖ φₖ(t)·cₖ for one coefficient vector. */
  default double value(double[] coefficients, double t, Side side) {
    checkCoefficients(coefficients.length);
    double sum = 0.0;
    for (Term term : terms(t, side)) {
      sum += term.weight() * coefficients[term.index()];
    }
    return sum;
  }

  /** θ(t), breakpoints read from the right. */
  default double value(double[] coefficients, double t) {
    return value(coefficients, t, Side.RIGHT);
  }

  /**
   * The depths at which interpolation onto this basis samples a function, with the side to read a
   * discontinuous source from. The coefficients are then obtained from the samples by {@link
   * Interpolation}.
   */
  List<Node> interpolationNodes();

  /** The basis that {@link Refinement} splits this one into: the same family, finer. */
  Basis refined();

  /** {@code family:K}. */
  default String spec() {
    return family() + ":" + size();
  }

  /** Throws unless {@code count == size()}. */
  default void checkCoefficients(int count) {
    if (count != size()) {
      throw new IllegalArgumentException(
          "coefficients for " + spec() + ": expected " + size() + ", found " + count);
    }
  }

  /** A sampling depth and the side from which a discontinuous function is read there. */
  record Node(double t, Side side) {}

  /** Parses {@code family:K}; see {@link BasisSpec}. */
  static Basis parse(String spec) {
    return BasisSpec.parse(spec).basis();
  }
}
