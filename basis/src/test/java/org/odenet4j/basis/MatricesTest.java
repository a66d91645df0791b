package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class MatricesTest {
  private final Random rnd = new Random(3);

  @Test
  void choleskySolveMatchesCommonsMathLu() {
    int n = 7;
    double[][] g = new double[n][];
    for (int i = 0; i < n; i++) {
      g[i] = Numeric.random(rnd, n);
    }
    double[][] spd = Matrices.multiply(Matrices.transpose(g), g);
    for (int i = 0; i < n; i++) {
      spd[i][i] += 0.5;
    }
    double[][] b = {
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3),
      Numeric.random(rnd, 3)
    };
    RealMatrix expected =
        new LUDecomposition(new Array2DRowRealMatrix(spd))
            .getSolver()
            .solve(new Array2DRowRealMatrix(b));
    assertThat(Numeric.maxAbsDiff(Matrices.solveSpd(spd, b), expected.getData())).isLessThan(1e-11);
  }

  @Test
  void generalSolveMatchesCommonsMathLu() {
    int n = 6;
    double[][] a = new double[n][];
    double[][] b = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = Numeric.random(rnd, n);
      b[i] = Numeric.random(rnd, 2);
    }
    RealMatrix expected =
        new LUDecomposition(new Array2DRowRealMatrix(a))
            .getSolver()
            .solve(new Array2DRowRealMatrix(b));
    assertThat(Numeric.maxAbsDiff(Matrices.solve(a, b), expected.getData())).isLessThan(1e-10);
  }

  @Test
  void singularOrIndefiniteMatricesAreRejected() {
    double[][] singular = {{1, 1}, {1, 1}};
    assertThatThrownBy(() -> Matrices.solveSpd(singular, Matrices.identity(2)))
        .hasMessageContaining("singular");
    assertThatThrownBy(() -> Matrices.solve(new double[][] {{1, 2}, {0, 0}}, Matrices.identity(2)))
        .hasMessageContaining("singular");
    assertThatThrownBy(
            () -> Matrices.multiply(new double[][] {{1, 2, 3}}, new double[][] {{1}, {2}}))
        .hasMessageContaining("expected 2 columns")
        .hasMessageContaining("found 3");
  }

  @Test
  void bilinearFormIsXTransposeAY() {
    // [1, 2]·[[1, 2], [3, 4]]·[5, 6] = [1, 2]·[17, 39] = 95
    assertThat(
            Matrices.bilinear(
                new double[] {1, 2}, new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}))
        .isEqualTo(95.0);
  }
}
