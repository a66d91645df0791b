package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code piecewise_linear:K} (K even): discontinuous piecewise-linear functions on E = K/2 equal
 * elements. In element e, with s = E·t − e ∈ [0, 1], θ(t) = (1 − s)·c[2e] + s·c[2e+1], so c[2e] and
 * c[2e+1] are the values at the element's left and right ends.
 *
 * <p>Gram matrix: block diagonal with 2×2 blocks (h/6)·[[2, 1], [1, 2]], h = 1/E. Interpolation
 * samples each element's ends from inside the element. Refinement K → 2K splits every element at
 * its midpoint.
 */
public record PiecewiseLinearBasis(int size) implements Basis {
  public static final String FAMILY = "piecewise_linear";

  public PiecewiseLinearBasis {
    if (size < 2 || size % 2 != 0) {
      throw new IllegalArgumentException(FAMILY + ": expected an even K >= 2, found K = " + size);
    }
  }

  /** E = K/2, the number of elements. */
  public int elements() {
    return size / 2;
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public int degree() {
    return 1;
  }

  @Override
  public double[] breakpoints() {
    return Cells.uniform(elements());
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
    Cells.Location at = Cells.locate(t, elements(), side);
    int e = at.cell();
    double s = at.local();
    if (s == 0.0) {
      return List.of(new Term(2 * e, 1.0));
    }
    if (s == 1.0) {
      return List.of(new Term(2 * e + 1, 1.0));
    }
    return List.of(new Term(2 * e, 1.0 - s), new Term(2 * e + 1, s));
  }

  @Override
  public List<Node> interpolationNodes() {
    List<Node> nodes = new ArrayList<>(size);
    int elements = elements();
    for (int e = 0; e < elements; e++) {
      nodes.add(new Node((double) e / elements, Side.RIGHT));
      nodes.add(new Node((double) (e + 1) / elements, Side.LEFT));
    }
    return nodes;
  }

  @Override
  public PiecewiseLinearBasis refined() {
    return new PiecewiseLinearBasis(2 * size);
  }

  /** {@code family:K}, as parsed by {@link Basis#parse}. */
  @Override
  public String toString() {
    return BasisSpec.of(this).toString();
  }
}
