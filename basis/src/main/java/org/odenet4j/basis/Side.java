package org.odenet4j.basis;

/**
 * Which one-sided limit to take when a depth t falls exactly on a breakpoint of a discontinuous
 * basis. {@link #RIGHT} is the default convention (a breakpoint belongs to the cell on its right);
 * {@link #LEFT} reads the cell that ends at t, which is how a stage at the end of an integration
 * step reads the step's own cell (the exact form of the reference code's {@code t + dt − 1e-5}).
 * Continuous bases give the same value from both sides.
 */
public enum Side {
  LEFT,
  RIGHT
}
