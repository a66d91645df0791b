package org.odenet4j.basis;

/**
 * Locating a depth t in a uniform partition of [0, 1] into {@code cells} cells, with the breakpoint
 * convention of {@link Side}. A t within 1e-9 (in cell units) of a breakpoint is taken to be on it,
 * so times built as ratios of integers (n/N, (n + 1/2)/N) land on breakpoints exactly.
 */
final class Cells {
  private static final double SNAP = 1e-9;

  private Cells() {}

  /** A cell index and the local coordinate s ∈ [0, 1] of t inside that cell. */
  record Location(int cell, double local) {}

  static Location locate(double t, int cells, Side side) {
    checkDepth(t);
    double x = t * cells;
    long nearest = Math.round(x);
    int cell;
    double local;
    if (Math.abs(x - nearest) <= SNAP) {
      cell = side == Side.RIGHT ? (int) nearest : (int) nearest - 1;
      if (cell < 0) {
        cell = 0;
      } else if (cell > cells - 1) {
        cell = cells - 1;
      }
      local = nearest - cell; // 0 when reading the cell on the right, 1 on the left
    } else {
      cell = (int) Math.floor(x);
      local = x - cell;
    }
    return new Location(cell, local);
  }

  static void checkDepth(double t) {
    if (!(t >= 0.0 && t <= 1.0)) {
      throw new IllegalArgumentException("depth t: expected a number in [0, 1], found " + t);
    }
  }

  static double[] uniform(int cells) {
    double[] b = new double[cells + 1];
    for (int i = 0; i <= cells; i++) {
      b[i] = (double) i / cells;
    }
    return b;
  }
}
