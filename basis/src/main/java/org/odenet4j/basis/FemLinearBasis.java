package org.odenet4j.basis;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fem_linear:K}: continuous piecewise-linear "hat" functions with nodes at i/(K − 1);
 * coefficient i is the value at node i. K = 1 is the constant function.
 *
 * <p>Gram matrix: tridiagonal, h/3 at the two end nodes and 2h/3 inside on the diagonal, h/6 off it
 * (h = 1/(K − 1)). Interpolation samples the nodes. Refinement inserts the midpoint of every
 * element, K → 2K − 1 (K = 1 becomes two equal nodal values).
 */
public record FemLinearBasis(int size) implements Basis {
  public static final String FAMILY = "fem_linear";

  public FemLinearBasis {
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
    return size == 1 ? 0 : 1;
  }

  @Override
  public double[] breakpoints() {
    return Cells.uniform(Math.max(1, size - 1));
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
    if (size == 1) {
      Cells.checkDepth(t);
      return List.of(new Term(0, 1.0));
    }
    // Continuous: the side changes which element is used, never the value.
    Cells.Location at = Cells.locate(t, size - 1, side);
    int e = at.cell();
    double s = at.local();
    if (s == 0.0) {
      return List.of(new Term(e, 1.0));
    }
    if (s == 1.0) {
      return List.of(new Term(e + 1, 1.0));
    }
    return List.of(new Term(e, 1.0 - s), new Term(e + 1, s));
  }

  @Override
  public List<Node> interpolationNodes() {
    if (size == 1) {
      return List.of(new Node(0.5, Side.RIGHT));
    }
    List<Node> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      nodes.add(new Node((double) i / (size - 1), Side.RIGHT));
    }
    return nodes;
  }

  @Override
  public FemLinearBasis refined() {
    return new FemLinearBasis(size == 1 ? 2 : 2 * size - 1);
  }

  /** {@code family:K}, as parsed by {@link Basis#parse}. */
  @Override
  public String toString() {
    return BasisSpec.of(this).toString();
  }
}
