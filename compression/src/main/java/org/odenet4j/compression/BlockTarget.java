package org.odenet4j.compression;

import org.odenet4j.basis.BasisSpec;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.text.OneLine;

/**
 * What an ODE block should become; a null field keeps the source's value.
 *
 * @param basis {@code family:K}, or null to keep the source basis
 * @param steps N, or null to keep
 * @param scheme euler, midpoint, rk4 or rk4_38, or null to keep
 */
public record BlockTarget(String basis, Integer steps, String scheme) {
  /** Keeps everything. */
  public static final BlockTarget KEEP = new BlockTarget(null, null, null);

  public BlockTarget {
    if (basis != null) {
      basis = BasisSpec.parse(basis).toString();
    }
    if (steps != null && steps < 1) {
      throw new IllegalArgumentException("steps: expected N >= 1, found " + steps);
    }
    if (scheme != null) {
      scheme = Scheme.byName(scheme).name();
    }
  }

  /** Parses {@code F:K/N/S}, e.g. {@code piecewise_constant:8/8/rk4}. */
  public static BlockTarget parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "block target: expected F:K/N/S (e.g. piecewise_constant:8/8/euler), found '"
              + OneLine.of(text)
              + "'");
    }
    int n;
    try {
      n = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "block target '"
              + OneLine.of(text)
              + "': expected an integer step count N, found '"
              + OneLine.of(parts[1])
              + "'");
    }
    return new BlockTarget(parts[0], n, parts[2].trim());
  }

  /** This target's fields over {@code fallback}'s (fields of this one win when set). */
  public BlockTarget orElse(BlockTarget fallback) {
    return new BlockTarget(
        basis != null ? basis : fallback.basis,
        steps != null ? steps : fallback.steps,
        scheme != null ? scheme : fallback.scheme);
  }

  /** The source block spec with this target's changes applied. */
  public OdeBlockSpec applyTo(OdeBlockSpec source) {
    OdeBlockSpec s = source;
    if (basis != null) {
      s = s.withBasis(basis);
    }
    if (steps != null) {
      s = s.withSteps(steps);
    }
    if (scheme != null) {
      s = s.withScheme(scheme);
    }
    return s;
  }
}
