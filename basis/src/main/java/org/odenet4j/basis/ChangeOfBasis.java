package org.odenet4j.basis;

/**
 * A linear map from coefficients in basis {@code from} (A) to coefficients in basis {@code to} (B):
 * c^B = T·c^A, T of shape [K_B][K_A]. It acts along the basis axis only, so a weight tensor of
 * shape [K_A, …] maps to [K_B, …] entry by entry (see {@link #apply(double[], int)}).
 *
 * <p>Built by {@link Projection} (exact L2 projection), {@link Interpolation} (sampling) or {@link
 * Refinement} (exact split). {@link #error(double[], int)} measures how much of θ_A is lost,
 * exactly, in L2(0, 1).
 *
 * @param from source basis A
 * @param to target basis B
 * @param method how the map was built, e.g. {@code projection}
 * @param matrix T, [K_B][K_A]
 */
public record ChangeOfBasis(Basis from, Basis to, String method, double[][] matrix) {

  public ChangeOfBasis {
    if (matrix.length != to.size() || matrix[0].length != from.size()) {
      throw new IllegalArgumentException(
          "change of basis "
              + from.spec()
              + " -> "
              + to.spec()
              + ": expected a "
              + to.size()
              + "x"
              + from.size()
              + " matrix, found "
              + matrix.length
              + "x"
              + matrix[0].length);
    }
  }

  /** The exact identity on {@code basis}, labelled with {@code method}. */
  public static ChangeOfBasis identity(Basis basis, String method) {
    double[][] identity = new double[basis.size()][basis.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i][i] = 1.0;
    }
    return new ChangeOfBasis(basis, basis, method, identity);
  }

  /** Maps one coefficient vector of length K_A to one of length K_B. */
  public double[] apply(double[] coefficients) {
    from.checkCoefficients(coefficients.length);
    return Matrices.multiply(matrix, coefficients);
  }

  /**
   * Maps a row-major tensor of shape [K_A, m] (m = product of the trailing dimensions) to one of
   * shape [K_B, m].
   */
  public double[] apply(double[] tensor, int trailing) {
    int ka = from.size();
    int kb = to.size();
    if (tensor.length != (long) ka * trailing) {
      throw new IllegalArgumentException(
          "tensor for "
              + from.spec()
              + ": expected "
              + ka
              + " x "
              + trailing
              + " = "
              + (long) ka * trailing
              + " values, found "
              + tensor.length);
    }
    double[] out = new double[kb * trailing];
    for (int i = 0; i < kb; i++) {
      for (int j = 0; j < ka; j++) {
        double t = matrix[i][j];
        if (t == 0.0) {
          continue;
        }
        int src = j * trailing;
        int dst = i * trailing;
        for (int e = 0; e < trailing; e++) {
          out[dst + e] += t * tensor[src + e];
        }
      }
    }
    return out;
  }

  /** Exact ‖θ_A − θ_B‖ in L2(0, 1), summed over all m trailing entries of a [K_A, m] tensor. */
  public L2Error error(double[] tensor, int trailing) {
    return ErrorAccumulator.of(this).add(tensor, trailing).result();
  }

  /** Exact ‖θ_A − θ_B‖ for one coefficient vector. */
  public L2Error error(double[] coefficients) {
    return error(coefficients, 1);
  }

  /** Element [i][j] of T. */
  public double at(int i, int j) {
    return matrix[i][j];
  }
}
