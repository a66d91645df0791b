package org.odenet4j.basis;

import java.util.List;

/**
 * Interpolation onto a basis B: sample θ_A at B's {@link Basis#interpolationNodes() nodes} and take
 * the B-function through the samples: T = Φ_B(τ)⁻¹·Φ_A(τ). For the nodal bases (piecewise_constant:
 * cell midpoints; fem_linear: nodes; piecewise_linear: element ends, read from inside the element)
 * Φ_B(τ) = I and the coefficients are the samples themselves; for legendre the nodes are the
 * Gauss–Legendre points and Φ_B(τ) is a Vandermonde-like matrix. This is the baseline the paper
 * compares projection against.
 */
public final class Interpolation {
  private Interpolation() {}

  /** T for interpolation from {@code from} onto {@code to}. */
  public static ChangeOfBasis between(Basis from, Basis to) {
    if (from.spec().equals(to.spec())) {
      return ChangeOfBasis.identity(from, "interpolation");
    }
    List<Basis.Node> nodes = to.interpolationNodes();
    int kb = to.size();
    double[][] sampleA = new double[kb][];
    double[][] sampleB = new double[kb][];
    boolean nodal = !(to instanceof LegendreBasis);
    for (int i = 0; i < kb; i++) {
      Basis.Node node = nodes.get(i);
      sampleA[i] = from.evaluate(node.t(), node.side());
      sampleB[i] = to.evaluate(node.t(), node.side());
    }
    double[][] t = nodal ? sampleA : Matrices.solve(sampleB, sampleA);
    return new ChangeOfBasis(from, to, "interpolation", t);
  }
}
