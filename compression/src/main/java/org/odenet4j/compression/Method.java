package org.odenet4j.compression;

import java.util.Locale;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.Interpolation;
import org.odenet4j.basis.Projection;

/**
 * How coefficients move to the target basis: exact L2 projection (the paper's method) or
 * interpolation (its baseline).
 */
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
   * The change of basis from {@code from} to {@code to}: {@link Projection#between} or {@link
   * Interpolation#between} (exactly the identity when the two are the same basis; exact weights for
   * piecewise_constant targets). {@code odenet basis matrix} prints these same numbers.
   */
  public ChangeOfBasis between(Basis from, Basis to) {
    return this == INTERPOLATION ? Interpolation.between(from, to) : Projection.between(from, to);
  }

  /** Parses {@code projection} or {@code interpolation} (case-insensitive). */
  public static Method parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Method m : values()) {
      if (m.label.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "method: expected projection or interpolation, found '" + text + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
