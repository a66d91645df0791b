package org.odenet4j.compression;

import java.util.Locale;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.Gram;
import org.odenet4j.basis.Interpolation;
import org.odenet4j.basis.Projection;

/** How coefficients move to the target basis: exact L2 projection (the paper's method) or interpolation (its baseline). */
public enum Method {
  /** θ_B = argmin ‖θ_A − θ_B‖ in L2(0, 1), T = M_BB⁻¹·M_BA ({@link Projection}). */
  PROJECTION("projection"),
  /** θ_B through the samples θ_A(τₖ) at the target's nodes ({@link Interpolation}). */
  INTERPOLATION("interpolation");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /** {@code projection} or {@code interpolation}. */
  public String label() {
    return label;
  }

  /**
   * The change of basis from {@code from} to {@code to}: exactly the identity when the two are the
   * same basis. For a target with a diagonal mass matrix (piecewise_constant), M_BA is divided by
   * the diagonal instead of solved by Cholesky, so power-of-two cell ratios give exact weights.
   */
  public ChangeOfBasis between(Basis from, Basis to) {
    if (from.spec().equals(to.spec())) {
      double[][] identity = new double[to.size()][to.size()];
      for (int i = 0; i < identity.length; i++) {
        identity[i][i] = 1.0;
      }
      return new ChangeOfBasis(from, to, label, identity);
    }
    if (this == INTERPOLATION) {
      return Interpolation.between(from, to);
    }
    double[][] mass = Gram.mass(to);
    if (!diagonal(mass)) {
      return Projection.between(from, to);
    }
    // diagonal mass matrix (piecewise_constant): T = M_BA / diag(M_BB), by division rather than a
    // Cholesky solve, so that e.g. pc:16 -> pc:8 averages pairs with weights exactly 1/2
    double[][] t = Gram.between(to, from);
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        t[i][j] /= mass[i][i];
      }
    }
    return new ChangeOfBasis(from, to, label, t);
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

  /** Parses {@code projection} or {@code interpolation} (case-insensitive). */
  public static Method parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Method m : values()) {
      if (m.label.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("method: expected projection or interpolation, found '" + text + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
