package org.odenet4j.basis;

import java.util.List;
import java.util.Locale;
import org.odenet4j.text.OneLine;

/**
 * The textual name of a basis, {@code family:K}, e.g. {@code piecewise_constant:16}. Parsing
 * rejects unknown families, non-integer or non-positive K and odd K for {@code piecewise_linear},
 * with a message that says what was expected and what was found (on one line: line breaks in the
 * text are escaped).
 *
 * @param family one of {@link #FAMILIES}
 * @param size K
 */
public record BasisSpec(String family, int size) {
  /** Every family name, in the order they are documented. */
  public static final List<String> FAMILIES =
      List.of(
          PiecewiseConstantBasis.FAMILY,
          PiecewiseLinearBasis.FAMILY,
          FemLinearBasis.FAMILY,
          LegendreBasis.FAMILY);

  public BasisSpec {
    basisOf(family, size); // validates
  }

  /** Parses {@code family:K}. */
  public static BasisSpec parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("basis: expected family:K, found nothing");
    }
    String trimmed = text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "basis: expected family:K (e.g. piecewise_constant:16), found '"
              + OneLine.of(text)
              + "'");
    }
    String family = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
    String k = trimmed.substring(colon + 1);
    int size;
    try {
      size = Integer.parseInt(k);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "basis '"
              + OneLine.of(text)
              + "': expected an integer K after ':', found '"
              + OneLine.of(k)
              + "'");
    }
    return new BasisSpec(family, size);
  }

  /** The basis this spec names. */
  public Basis basis() {
    return basisOf(family, size);
  }

  /** The spec of a basis. */
  public static BasisSpec of(Basis basis) {
    return new BasisSpec(basis.family(), basis.size());
  }

  @Override
  public String toString() {
    return family + ":" + size;
  }

  private static Basis basisOf(String family, int size) {
    if (family == null) {
      throw new IllegalArgumentException(
          "basis family: expected one of " + FAMILIES + ", found nothing");
    }
    return switch (family) {
      case PiecewiseConstantBasis.FAMILY -> new PiecewiseConstantBasis(size);
      case PiecewiseLinearBasis.FAMILY -> new PiecewiseLinearBasis(size);
      case FemLinearBasis.FAMILY -> new FemLinearBasis(size);
      case LegendreBasis.FAMILY -> new LegendreBasis(size);
      default ->
          throw new IllegalArgumentException(
              "basis family: expected one of "
                  + String.join(", ", FAMILIES)
                  + ", found '"
                  + OneLine.of(family)
                  + "'");
    };
  }
}
