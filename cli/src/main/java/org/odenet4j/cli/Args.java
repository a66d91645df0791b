package org.odenet4j.cli;

import java.util.regex.Pattern;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.BasisSpec;

/**
 * Parsing of option values that picocli leaves as text, with messages that name the option, what
 * was expected and what was found. Everything throws {@link IllegalArgumentException}, which
 * {@link Errors} turns into {@code odenet: error: <message>} and exit 2.
 */
public final class Args {
  /** A plain decimal number: no hex, no {@code d}/{@code f} suffix, no NaN or Infinity. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private Args() {}

  /** A basis {@code family:K}, e.g. {@code piecewise_constant:16}. */
  public static Basis basis(String option, String text) {
    try {
      return BasisSpec.parse(text).basis();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** A comma-separated list of finite numbers, at least one. */
  public static double[] numbers(String option, String text) {
    String expected = option + ": expected a comma-separated list of numbers";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(expected + ", found nothing");
    }
    String[] parts = text.split(",", -1);
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            expected + ", found an empty entry at position " + (i + 1) + " in '" + text + "'");
      }
      if (!NUMBER.matcher(part).matches()) {
        throw new IllegalArgumentException(
            expected + ", found '" + part + "' at position " + (i + 1));
      }
      double value = Double.parseDouble(part);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            option + ": expected finite numbers, found '" + part + "' at position " + (i + 1)
                + " (out of double range)");
      }
      values[i] = value;
    }
    return values;
  }

  /** Exactly {@code basis.size()} coefficients. */
  public static double[] coefficients(String option, String text, Basis basis) {
    double[] c = numbers(option, text);
    if (c.length != basis.size()) {
      throw new IllegalArgumentException(
          option + ": expected " + basis.size() + " numbers for " + basis.spec() + ", found "
              + c.length);
    }
    return c;
  }

  /** Depths t, each in [0, 1]. */
  public static double[] depths(String option, String text) {
    double[] t = numbers(option, text);
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] >= 0.0 && t[i] <= 1.0)) {
        throw new IllegalArgumentException(
            option + ": expected depths t in [0, 1], found " + t[i] + " at position " + (i + 1));
      }
    }
    return t;
  }
}
