package org.odenet4j.basis;

/**
 * Exact L2 projection θ_B = argmin ‖θ_A − θ_B‖ over span(B): M_BB·c^B = M_BA·c^A, so T =
 * M_BB⁻¹·M_BA with both Gram matrices integrated exactly ({@link Gram}), solved by Cholesky in
 * double precision. This is the projection of the paper, without the reference code's approximate
 * cell quadrature (which gives, e.g., rows (.483, .517) instead of (.5, .5) for pc16 → pc8).
 *
 * <p>Onto the same basis the matrix is exactly the identity. Onto a basis with a diagonal mass
 * matrix (piecewise_constant) M_BA is divided by the diagonal instead of solved, so power-of-two
 * cell ratios give exact weights (pc:16 → pc:8 averages pairs with weights exactly ½, not
 * 0.5000000000000001). Every caller ({@code odenet basis matrix}, {@code odenet compress},
 * refinement) gets these same numbers from here.
 *
 * <p>Properties (each one a test): projection onto the same basis is the identity; a function that
 * already lies in span(B) is reproduced exactly; the residual is L2-orthogonal to span(B);
 * piecewise_constant:2M → piecewise_constant:M averages pairs.
 */
public final class Projection {
  private Projection() {}

  /** T for the L2 projection from {@code from} onto {@code to}. */
  public static ChangeOfBasis between(Basis from, Basis to) {
    if (from.spec().equals(to.spec())) {
      return ChangeOfBasis.identity(from, "projection");
    }
    double[][] mbb = GramCache.mass(to);
    double[][] mba = GramCache.between(to, from);
    double[][] t = diagonal(mbb) ? divideRows(mba, mbb) : Matrices.solveSpd(mbb, mba);
    return new ChangeOfBasis(from, to, "projection", t);
  }

  /** M_BA with row i divided by M_BB[i][i] (a new array: the Gram cache's stays as it is). */
  private static double[][] divideRows(double[][] mba, double[][] mbb) {
    double[][] t = new double[mba.length][];
    for (int i = 0; i < t.length; i++) {
      t[i] = mba[i].clone();
      for (int j = 0; j < t[i].length; j++) {
        t[i][j] /= mbb[i][i];
      }
    }
    return t;
  }

  private static boolean diagonal(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (i != j && m[i][j] != 0.0) {
          return false;
        }
      }
    }
    return true;
  }
}
