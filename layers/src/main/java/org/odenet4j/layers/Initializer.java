package org.odenet4j.layers;

import java.util.SplittableRandom;

/**
 * Produces initial values for a variable of a given shape, deterministically from a random stream.
 * Values are generated in Java (not by random ops in the graph), so a seed fixes them on every
 * machine.
 */
@FunctionalInterface
public interface Initializer {
  /**
   * @param shape the variable's shape (without any basis axis)
   * @param random the stream to draw from
   * @return row-major values, length = product of shape
   */
  float[] values(long[] shape, SplittableRandom random);

  /**
   * True when the values do not depend on the random stream (zeros, ones, a constant): such a
   * parameter starts constant in depth whatever the {@code CoefficientInit}.
   */
  default boolean deterministic() {
    return false;
  }

  /** Human-readable name for summaries. */
  default String describe() {
    return getClass().getSimpleName();
  }
}
