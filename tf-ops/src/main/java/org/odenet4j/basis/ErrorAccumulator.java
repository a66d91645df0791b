package org.odenet4j.basis;

/**
 * Accumulates the exact squared L2 distance ‖θ_A − θ_B‖² = cᵀM_AA c − 2(Tc)ᵀM_BA c + (Tc)ᵀM_BB(Tc)
 * and ‖θ_A‖² over many tensors mapped by one {@link ChangeOfBasis}, so the error of a whole block
 * (all its parameters) is one number.
 */
public final class ErrorAccumulator {
  private final ChangeOfBasis map;
  private final double[][] massA;
  private final double[][] massB;
  private final double[][] cross;
  private double squaredError;
  private double squaredNorm;

  private ErrorAccumulator(ChangeOfBasis map) {
    this.map = map;
    this.massA = GramCache.mass(map.from());
    this.massB = GramCache.mass(map.to());
    this.cross = GramCache.between(map.to(), map.from());
  }

  public static ErrorAccumulator of(ChangeOfBasis map) {
    return new ErrorAccumulator(map);
  }

  /** Adds a row-major [K_A, m] tensor. */
  public ErrorAccumulator add(double[] tensor, int trailing) {
    int ka = map.from().size();
    int kb = map.to().size();
    double[] mapped = map.apply(tensor, trailing);
    double[] ca = new double[ka];
    double[] cb = new double[kb];
    for (int e = 0; e < trailing; e++) {
      for (int k = 0; k < ka; k++) {
        ca[k] = tensor[k * trailing + e];
      }
      for (int k = 0; k < kb; k++) {
        cb[k] = mapped[k * trailing + e];
      }
      double aa = Matrices.bilinear(ca, massA, ca);
      double ba = Matrices.bilinear(cb, cross, ca);
      double bb = Matrices.bilinear(cb, massB, cb);
      squaredError += Math.max(0.0, aa - 2.0 * ba + bb);
      squaredNorm += Math.max(0.0, aa);
    }
    return this;
  }

  /** Merges another accumulator's totals (for the same kind of map). */
  public ErrorAccumulator add(L2Error other) {
    squaredError += other.absolute() * other.absolute();
    squaredNorm += other.norm() * other.norm();
    return this;
  }

  public L2Error result() {
    return new L2Error(Math.sqrt(squaredError), Math.sqrt(squaredNorm));
  }
}
