package org.odenet4j.basis;

/**
 * Exact L2 projection θ_B = argmin ‖θ_A − θ_B‖ over span(B): M_BB·c^B = M_BA·c^A, so
 * T = M_BB⁻¹·M_BA with both Gram matrices integrated exactly ({@link Gram}), solved by Cholesky in
 * double precision. This is the projection of the paper, without the reference code's approximate
 * cell quadrature (which gives, e.g., rows (.483, .517) instead of (.5, .5) for pc16 → pc8).
 *
 * <p>Properties (each one a test): projection onto the same basis is the identity; a function that
 * already lies in span(B) is reproduced exactly; the residual is L2-orthogonal to span(B);
 * piecewise_constant:2M → piecewise_constant:M averages pairs.
 */
public final class Projection {
  private Projection() {}

  /** T for the L2 projection from {@code from} onto {@code to}. */
  public static ChangeOfBasis between(Basis from, Basis to) {
    double[][] mbb = GramCache.mass(to);
    double[][] mba = GramCache.between(to, from);
    return new ChangeOfBasis(from, to, "projection", Matrices.solveSpd(mbb, mba));
  }
}
