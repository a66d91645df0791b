package org.odenet4j.cli.model;

import org.odenet4j.text.OneLine;

/**
 * One {@code --block NAME=F:K/N/S} value, e.g. {@code stage3/block=fem_linear:5/8/rk4}: shared by
 * the commands that build a model ({@link ModelOptions}) and {@code odenet compress}. The parts are
 * checked where they are used (basis, scheme); here only the shape of the text and N.
 *
 * @param name the block's name
 * @param basis {@code family:K}
 * @param steps N
 * @param scheme scheme name
 */
public record BlockOption(String name, String basis, int steps, String scheme) {

  /** Parses {@code NAME=F:K/N/S}. */
  public static BlockOption parse(String text) {
    int eq = text.indexOf('=');
    String[] parts = eq < 0 ? new String[0] : text.substring(eq + 1).split("/");
    if (eq < 0 || parts.length != 3) {
      throw new IllegalArgumentException(
          "--block: expected NAME=F:K/N/S, found '" + OneLine.of(text) + "'");
    }
    String name = text.substring(0, eq);
    int n;
    try {
      n = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--block "
              + OneLine.of(name)
              + ": expected an integer step count N, found '"
              + OneLine.of(parts[1])
              + "'");
    }
    return new BlockOption(name, parts[0], n, parts[2]);
  }
}
