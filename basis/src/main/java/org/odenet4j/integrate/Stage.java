package org.odenet4j.integrate;

import org.odenet4j.basis.Basis;
import org.odenet4j.basis.Side;

/**
 * One stage evaluation of an unrolled integration: step n (0-based) of N, stage i of the scheme, at
 * depth t = (n + cᵢ)/N, read from {@code side}.
 *
 * @param step n
 * @param stage i
 * @param index position in the flat list of all N·s stages (n·s + i)
 * @param t depth in [0, 1]
 * @param side LEFT for a stage at the end of its step, RIGHT otherwise
 */
public record Stage(int step, int stage, int index, double t, Side side) {
  /** The sampling point of this stage, for point fits. */
  public Basis.Node node() {
    return new Basis.Node(t, side);
  }
}
