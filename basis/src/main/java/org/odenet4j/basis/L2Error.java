package org.odenet4j.basis;

/**
 * How far a mapped function θ_B lies from its source θ_A in L2(0, 1). {@link ErrorAccumulator} (and
 * the compressor's sparse equivalent) integrates the difference θ_A − θ_B directly by
 * Gauss–Legendre quadrature, exact for the piecewise polynomials involved, on every interval
 * between the breakpoints of both bases: no sampling, and no Gram-matrix expansion (cᵀM_AA c −
 * 2(Tc)ᵀM_BA c + …), which would cancel catastrophically for small errors.
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
