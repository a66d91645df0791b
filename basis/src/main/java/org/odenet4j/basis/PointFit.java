package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Least-squares fit of samples yᵢ taken at depths tᵢ onto a basis: c = P·y with P = (ΦᵀΦ)⁻¹Φᵀ, Φᵢₖ
 * = φₖ(tᵢ). The stateful ODE block uses it to refit the per-stage BatchNorm statistics onto the
 * state coefficients after every training step; P is fixed once the basis, scheme and N are chosen,
 * so it becomes a graph constant.
 *
 * <p>Rank check: a basis function that no sample reaches (φₖ(tᵢ) = 0 for every i) cannot be fitted.
 * {@link #of} refuses such a fit and names the functions; {@link #reachable} fits the reached
 * coefficients only (the unreached ones, which no sample sees, keep their value), exactly the
 * least-squares solution with those coefficients held fixed.
 *
 * @param basis the basis fitted onto
 * @param points the sample depths and sides
 * @param reached indices k of the fitted coefficients, ascending
 * @param matrix P restricted to the reached coefficients, [reached.length][points.size()]
 */
public record PointFit(Basis basis, List<Basis.Node> points, int[] reached, double[][] matrix) {

  /**
   * The full fit; throws when some basis function is reached by no sample, or Φ is rank deficient.
   */
  public static PointFit of(Basis basis, List<Basis.Node> points) {
    PointFit fit = reachable(basis, points);
    if (fit.reached.length != basis.size()) {
      throw new IllegalArgumentException(
          "point fit onto "
              + basis.spec()
              + ": expected every basis function to be reached by a sample, found "
              + "functions "
              + Arrays.toString(fit.unreached())
              + " reached by none of the "
              + points.size()
              + " sample depths");
    }
    return fit;
  }

  /** The fit of the reached coefficients only. */
  public static PointFit reachable(Basis basis, List<Basis.Node> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException(
          "point fit onto " + basis.spec() + ": expected samples, found none");
    }
    double[][] phi = design(basis, points);
    int[] reached = indices(hits(phi, basis.size()), true);
    int r = reached.length;
    double[][] phiR = new double[phi.length][r];
    for (int i = 0; i < phi.length; i++) {
      for (int j = 0; j < r; j++) {
        phiR[i][j] = phi[i][reached[j]];
      }
    }
    double[][] phiT = Matrices.transpose(phiR);
    double[][] normal = Matrices.multiply(phiT, phiR);
    double[][] p;
    try {
      p = Matrices.solveSpd(normal, phiT);
    } catch (IllegalArgumentException singular) {
      throw new IllegalArgumentException(
          "point fit onto "
              + basis.spec()
              + ": expected "
              + r
              + " independent sample columns, found a rank-deficient "
              + "design from "
              + points.size()
              + " samples ("
              + singular.getMessage()
              + ")");
    }
    return new PointFit(basis, List.copyOf(points), reached, p);
  }

  /** Indices of the basis functions no sample reaches. */
  public int[] unreached() {
    boolean[] in = new boolean[basis.size()];
    for (int j : reached) {
      in[j] = true;
    }
    return indices(in, false);
  }

  /**
   * Indices of the basis functions that no point reaches (φₖ(tᵢ) = 0 at every point), without
   * solving anything: the same set {@link #reachable} leaves out, also for a rank-deficient design.
   * An inference graph, which never fits, uses this for its warning.
   */
  public static int[] unreachedBy(Basis basis, List<Basis.Node> points) {
    return indices(hits(design(basis, points), basis.size()), false);
  }

  /** Φ, [points][K]. */
  private static double[][] design(Basis basis, List<Basis.Node> points) {
    double[][] phi = new double[points.size()][];
    for (int i = 0; i < phi.length; i++) {
      Basis.Node p = points.get(i);
      phi[i] = basis.evaluate(p.t(), p.side());
    }
    return phi;
  }

  /** hit[k]: some row of Φ has a non-zero φₖ. */
  private static boolean[] hits(double[][] phi, int k) {
    boolean[] hit = new boolean[k];
    for (double[] row : phi) {
      for (int j = 0; j < k; j++) {
        if (Math.abs(row[j]) > 1e-14) {
          hit[j] = true;
        }
      }
    }
    return hit;
  }

  /** The ascending indices j with {@code flags[j] == value}. */
  private static int[] indices(boolean[] flags, boolean value) {
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < flags.length; j++) {
      if (flags[j] == value) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The full K × S matrix, with zero rows for unreached coefficients. */
  public double[][] fullMatrix() {
    double[][] full = new double[basis.size()][points.size()];
    for (int j = 0; j < reached.length; j++) {
      full[reached[j]] = matrix[j].clone();
    }
    return full;
  }

  /** Fits one sample vector; unreached coefficients are taken from {@code previous}. */
  public double[] fit(double[] samples, double[] previous) {
    if (samples.length != points.size()) {
      throw new IllegalArgumentException(
          "point fit: expected " + points.size() + " samples, found " + samples.length);
    }
    double[] c = previous.clone();
    for (int j = 0; j < reached.length; j++) {
      c[reached[j]] = Matrices.dot(matrix[j], samples);
    }
    return c;
  }
}
