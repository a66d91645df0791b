package org.odenet4j.basis;

/**
 * One non-zero term φₖ(t)·cₖ of a basis expansion at a fixed depth: the coefficient index and the
 * weight φₖ(t).
 *
 * @param index coefficient index k, 0 ≤ k &lt; K
 * @param weight φₖ(t)
 */
public record Term(int index, double weight) {}
