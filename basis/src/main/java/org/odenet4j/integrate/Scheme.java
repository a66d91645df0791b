package org.odenet4j.integrate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.odenet4j.text.OneLine;

/**
 * An explicit Runge–Kutta scheme given by its Butcher tableau. Stage nodes cᵢ are kept as exact
 * fractions {@code cNumerator[i] / cDenominator[i]} so stage times are computed with integer
 * bookkeeping.
 *
 * <pre>
 * euler        midpoint        rk4                    rk4_38
 *  0 |          0  |            0  |                   0  |
 * ---+---      1/2 | 1/2       1/2 | 1/2              1/3 | 1/3
 *    | 1       ----+------     1/2 | 0   1/2          2/3 | -1/3  1
 *                  | 0   1      1  | 0   0   1         1  | 1    -1    1
 *                              ----+----------------  ----+---------------------
 *                                  | 1/6 1/3 1/3 1/6      | 1/8  3/8  3/8  1/8
 * </pre>
 *
 * <p>The tableau is immutable: the constructor copies the arrays it is given and every accessor
 * returns a copy, so no caller can change RK4 for the rest of the JVM.
 *
 * @param name scheme name as used on the command line
 * @param order classical order of accuracy
 * @param a strictly lower-triangular stage matrix, [s][s]
 * @param b weights, [s]
 * @param cNumerator stage node numerators, [s]
 * @param cDenominator stage node denominators, [s]
 */
public record Scheme(
    String name, int order, double[][] a, double[] b, int[] cNumerator, int[] cDenominator) {

  /** Forward Euler, order 1. */
  public static final Scheme EULER =
      new Scheme("euler", 1, new double[][] {{0}}, new double[] {1}, new int[] {0}, new int[] {1});

  /** Explicit midpoint, order 2. */
  public static final Scheme MIDPOINT =
      new Scheme(
          "midpoint",
          2,
          new double[][] {{0, 0}, {0.5, 0}},
          new double[] {0, 1},
          new int[] {0, 1},
          new int[] {1, 2});

  /** Classic fourth-order Runge–Kutta. */
  public static final Scheme RK4 =
      new Scheme(
          "rk4",
          4,
          new double[][] {{0, 0, 0, 0}, {0.5, 0, 0, 0}, {0, 0.5, 0, 0}, {0, 0, 1, 0}},
          new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
          new int[] {0, 1, 1, 1},
          new int[] {1, 2, 2, 1});

  /** Kutta's 3/8 rule, fourth order. */
  public static final Scheme RK4_38 =
      new Scheme(
          "rk4_38",
          4,
          new double[][] {{0, 0, 0, 0}, {1.0 / 3, 0, 0, 0}, {-1.0 / 3, 1, 0, 0}, {1, -1, 1, 0}},
          new double[] {1.0 / 8, 3.0 / 8, 3.0 / 8, 1.0 / 8},
          new int[] {0, 1, 2, 1},
          new int[] {1, 3, 3, 1});

  /** All schemes, by increasing cost. */
  public static final List<Scheme> ALL = List.of(EULER, MIDPOINT, RK4, RK4_38);

  public Scheme {
    int s = b.length;
    if (a.length != s || cNumerator.length != s || cDenominator.length != s) {
      throw new IllegalArgumentException("scheme " + name + ": tableau sizes disagree");
    }
    a = deepCopy(a);
    b = b.clone();
    cNumerator = cNumerator.clone();
    cDenominator = cDenominator.clone();
  }

  /** A copy of the stage matrix. */
  @Override
  public double[][] a() {
    return deepCopy(a);
  }

  /** aᵢⱼ. */
  public double a(int i, int j) {
    return a[i][j];
  }

  /** A copy of the weights. */
  @Override
  public double[] b() {
    return b.clone();
  }

  /** bᵢ. */
  public double b(int i) {
    return b[i];
  }

  /** A copy of the node numerators. */
  @Override
  public int[] cNumerator() {
    return cNumerator.clone();
  }

  /** A copy of the node denominators. */
  @Override
  public int[] cDenominator() {
    return cDenominator.clone();
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      copy[i] = m[i].clone();
    }
    return copy;
  }

  /** Number of stages s. */
  public int stages() {
    return b.length;
  }

  /** cᵢ as a double. */
  public double c(int stage) {
    return (double) cNumerator[stage] / cDenominator[stage];
  }

  /** True when stage i sits at the end of the step (cᵢ = 1). */
  public boolean endsStep(int stage) {
    return cNumerator[stage] == cDenominator[stage];
  }

  /** The scheme of that name (case-insensitive). */
  public static Scheme byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Scheme s : ALL) {
      if (s.name.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "scheme: expected one of euler, midpoint, rk4, rk4_38, found '" + OneLine.of(name) + "'");
  }

  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scheme other
        && name.equals(other.name)
        && order == other.order
        && Arrays.deepEquals(a, other.a)
        && Arrays.equals(b, other.b)
        && Arrays.equals(cNumerator, other.cNumerator)
        && Arrays.equals(cDenominator, other.cDenominator);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
