package org.odenet4j.basis;

/** Small dense double-precision linear algebra on {@code double[rows][cols]}. */
public final class Matrices {
  private Matrices() {}

  public static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int inner = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      if (a[i].length != inner) {
        throw new IllegalArgumentException(
            "matrix product: expected " + inner + " columns on the left, found " + a[i].length);
      }
      for (int k = 0; k < inner; k++) {
        double aik = a[i][k];
        if (aik == 0.0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          c[i][j] += aik * b[k][j];
        }
      }
    }
    return c;
  }

  public static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0.0;
      for (int j = 0; j < x.length; j++) {
        s += a[i][j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  public static double[][] identity(int n) {
    double[][] id = new double[n][n];
    for (int i = 0; i < n; i++) {
      id[i][i] = 1.0;
    }
    return id;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** xᵀ·A·y. */
  public static double bilinear(double[] x, double[][] a, double[] y) {
    return dot(x, multiply(a, y));
  }

  /**
   * Solves A·X = B for a symmetric positive definite A by Cholesky factorisation.
   *
   * @throws IllegalArgumentException when A is not (numerically) positive definite
   */
  public static double[][] solveSpd(double[][] a, double[][] b) {
    int n = a.length;
    double[][] l = new double[n][n];
    double scale = 0.0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(a[i][i]));
    }
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 1e-13 * scale)) {
        throw new IllegalArgumentException(
            "matrix is singular: pivot "
                + j
                + " of "
                + n
                + " is "
                + d
                + " (not positive definite)");
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    int m = b[0].length;
    double[][] x = new double[n][m];
    for (int c = 0; c < m; c++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double s = b[i][c];
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * y[k];
        }
        y[i] = s / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k][i] * x[k][c];
        }
        x[i][c] = s / l[i][i];
      }
    }
    return x;
  }

  /**
   * Solves A·X = B for a general square A by LU with partial pivoting.
   *
   * @throws IllegalArgumentException when A is singular
   */
  public static double[][] solve(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] lu = new double[n][];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      lu[i] = a[i].clone();
      x[i] = b[i].clone();
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(lu[r][col]) > Math.abs(lu[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(lu[pivot][col]) < 1e-300) {
        throw new IllegalArgumentException("matrix is singular at column " + col + " of " + n);
      }
      double[] tmp = lu[col];
      lu[col] = lu[pivot];
      lu[pivot] = tmp;
      tmp = x[col];
      x[col] = x[pivot];
      x[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = lu[r][col] / lu[col][col];
        if (f == 0.0) {
          continue;
        }
        for (int c = col; c < n; c++) {
          lu[r][c] -= f * lu[col][c];
        }
        for (int c = 0; c < m; c++) {
          x[r][c] -= f * x[col][c];
        }
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      for (int c = 0; c < m; c++) {
        double s = x[r][c];
        for (int k = r + 1; k < n; k++) {
          s -= lu[r][k] * x[k][c];
        }
        x[r][c] = s / lu[r][r];
      }
    }
    return x;
  }
}
