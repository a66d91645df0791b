package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code legendre:K}: θ(t) = Σₖ c[k]·Pₖ(2t − 1) with Pₖ the standard Legendre polynomials (Pₖ(1) =
 * 1), evaluated by the three-term recurrence. Global and smooth.
 *
 * <p>Gram matrix: diagonal, ∫₀¹ Pₖ(2t − 1)² dt = 1/(2k + 1), so L2 projection onto fewer Legendre
 * functions is truncation. Interpolation samples the K Gauss–Legendre nodes on [0, 1] (degree K − 1
 * polynomial interpolation). Refinement K → 2K pads with zeros.
 */
public record LegendreBasis(int size) implements Basis {
  public static final String FAMILY = "legendre";

  public LegendreBasis {
    if (size < 1) {
      throw new IllegalArgumentException(FAMILY + ": expected K >= 1, found K = " + size);
    }
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public int degree() {
    return size - 1;
  }

  @Override
  public double[] breakpoints() {
    return new double[] {0.0, 1.0};
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public boolean nodal() {
    return false;
  }

  /** (1, 0, …, 0): P₀ = 1. */
  @Override
  public double[] constant() {
    double[] c = new double[size()];
    c[0] = 1.0;
    return c;
  }

  @Override
  public double[] evaluate(double t, Side side) {
    Cells.checkDepth(t);
    double x = 2.0 * t - 1.0;
    double[] p = new double[size];
    p[0] = 1.0;
    if (size > 1) {
      p[1] = x;
    }
    for (int k = 1; k + 1 < size; k++) {
      p[k + 1] = ((2.0 * k + 1.0) * x * p[k] - k * p[k - 1]) / (k + 1.0);
    }
    return p;
  }

  @Override
  public List<Term> terms(double t, Side side) {
    double[] p = evaluate(t, side);
    List<Term> terms = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      terms.add(new Term(k, p[k]));
    }
    return terms;
  }

  @Override
  public List<Node> interpolationNodes() {
    GaussLegendre rule = GaussLegendre.of(size);
    List<Node> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      nodes.add(new Node(0.5 * (rule.nodes()[i] + 1.0), Side.RIGHT));
    }
    return nodes;
  }

  @Override
  public LegendreBasis refined() {
    return new LegendreBasis(2 * size);
  }

  /** {@code family:K}, as parsed by {@link Basis#parse}. */
  @Override
  public String toString() {
    return BasisSpec.of(this).toString();
  }
}
