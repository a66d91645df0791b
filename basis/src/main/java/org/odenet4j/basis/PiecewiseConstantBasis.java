package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code piecewise_constant:K}: φₖ is the indicator of cell k = [k/K, (k+1)/K), the last cell
 * closed at t = 1. Coefficient k is the value on cell k. With K = N, Euler steps and this basis an
 * ODE block is exactly an N-unit residual network.
 *
 * <p>Gram matrix (1/K)·I. Interpolation samples the cell midpoints (k + ½)/K. Refinement K → 2K
 * duplicates every coefficient.
 */
public record PiecewiseConstantBasis(int size) implements Basis {
  public static final String FAMILY = "piecewise_constant";

  public PiecewiseConstantBasis {
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
    return 0;
  }

  @Override
  public double[] breakpoints() {
    return Cells.uniform(size);
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public boolean nodal() {
    return true;
  }

  @Override
  public List<Term> terms(double t, Side side) {
    return List.of(new Term(Cells.locate(t, size, side).cell(), 1.0));
  }

  @Override
  public List<Node> interpolationNodes() {
    List<Node> nodes = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      nodes.add(new Node((2.0 * k + 1.0) / (2.0 * size), Side.RIGHT));
    }
    return nodes;
  }

  @Override
  public PiecewiseConstantBasis refined() {
    return new PiecewiseConstantBasis(2 * size);
  }

  /** {@code family:K}, as parsed by {@link Basis#parse}. */
  @Override
  public String toString() {
    return BasisSpec.of(this).toString();
  }
}
