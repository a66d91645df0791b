package org.odenet4j.basis;

/**
 * How far a mapped function θ_B lies from its source θ_A in L2(0, 1), from Gram matrices (no
 * sampling).
 *
 * @param absolute ‖θ_A − θ_B‖
 * @param norm ‖θ_A‖
 */
public record L2Error(double absolute, double norm) {
  /** ‖θ_A − θ_B‖ / ‖θ_A‖, or 0 when θ_A = 0. */
  public double relative() {
    return norm == 0.0 ? (absolute == 0.0 ? 0.0 : Double.POSITIVE_INFINITY) : absolute / norm;
  }
}
