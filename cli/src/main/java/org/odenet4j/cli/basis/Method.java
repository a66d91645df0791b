package org.odenet4j.cli.basis;

import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.Interpolation;
import org.odenet4j.basis.Projection;

/** How a change of basis is built: {@code --method projection|interpolation}. */
enum Method {
  PROJECTION("projection"),
  INTERPOLATION("interpolation");

  static final String DESCRIPTION =
      "projection (exact L2, default) or interpolation (sample at the target's nodes).";

  private final String label;

  Method(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  ChangeOfBasis between(Basis from, Basis to) {
    return this == PROJECTION ? Projection.between(from, to) : Interpolation.between(from, to);
  }

  static Method parse(String option, String text) {
    for (Method m : values()) {
      if (m.label.equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        option + ": expected projection or interpolation, found '" + text + "'");
  }
}
