package org.odenet4j.basis;

/**
 * Exact split refinement for refinement training: the refined function equals the original at every
 * depth (both sides of every breakpoint).
 *
 * <ul>
 *   <li>piecewise_constant K → 2K: every coefficient is duplicated;
 *   <li>piecewise_linear K → 2K: every element is split at its midpoint, whose value is the mean of
 *       the element's end values;
 *   <li>fem_linear K → 2K − 1: a node is inserted at every element midpoint with the mean of its
 *       neighbours (K = 1 → 2: both nodes take the constant);
 *   <li>legendre K → 2K: zero padding.
 * </ul>
 */
public final class Refinement {
  private Refinement() {}

  /** The refinement map from {@code basis} to {@code basis.refined()}. */
  public static ChangeOfBasis of(Basis basis) {
    Basis fine = basis.refined();
    int k = basis.size();
    double[][] r = new double[fine.size()][k];
    if (basis instanceof PiecewiseConstantBasis) {
      for (int i = 0; i < k; i++) {
        r[2 * i][i] = 1.0;
        r[2 * i + 1][i] = 1.0;
      }
    } else if (basis instanceof PiecewiseLinearBasis pl) {
      for (int e = 0; e < pl.elements(); e++) {
        int left = 2 * e;
        int right = 2 * e + 1;
        // first child element: (left, mid); second child: (mid, right)
        r[4 * e][left] = 1.0;
        r[4 * e + 1][left] = 0.5;
        r[4 * e + 1][right] = 0.5;
        r[4 * e + 2][left] = 0.5;
        r[4 * e + 2][right] = 0.5;
        r[4 * e + 3][right] = 1.0;
      }
    } else if (basis instanceof FemLinearBasis) {
      if (k == 1) {
        r[0][0] = 1.0;
        r[1][0] = 1.0;
      } else {
        for (int i = 0; i < k; i++) {
          r[2 * i][i] = 1.0;
          if (i + 1 < k) {
            r[2 * i + 1][i] = 0.5;
            r[2 * i + 1][i + 1] = 0.5;
          }
        }
      }
    } else {
      for (int i = 0; i < k; i++) {
        r[i][i] = 1.0;
      }
    }
    return new ChangeOfBasis(basis, fine, "refinement", r);
  }
}
