package org.odenet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.FemLinearBasis;
import org.odenet4j.basis.LegendreBasis;
import org.odenet4j.basis.PiecewiseConstantBasis;
import org.odenet4j.basis.PiecewiseLinearBasis;
import org.odenet4j.basis.Side;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class BasisOpsTest {
  private static final Basis[] BASES = {
    new PiecewiseConstantBasis(5),
    new PiecewiseLinearBasis(6),
    new FemLinearBasis(4),
    new FemLinearBasis(1),
    new LegendreBasis(4)
  };

  private static double[][][] coefficients(Random rnd, int k) {
    double[][][] c = new double[k][3][2];
    for (double[][] m : c) {
      for (double[] row : m) {
        row[0] = 2 * rnd.nextDouble() - 1;
        row[1] = 2 * rnd.nextDouble() - 1;
      }
    }
    return c;
  }

  /** Depths that include every breakpoint of the test bases and points between them. */
  private static List<Double> depths() {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      t.add(i / 60.0);
    }
    t.add(0.123456);
    t.add(0.987654);
    return t;
  }

  private static Map<String, Integer> opCounts(Graph g) {
    Map<String, Integer> counts = new HashMap<>();
    for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
      counts.merge(it.next().type(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void graphValuesEqualPureJavaBasisValuesForEveryFamilyDepthAndSide() {
    // θ(tᵢ) from a [K, 3, 2] variable (and constant) equals Basis.value entry by entry
    Random rnd = new Random(11);
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat64>> outputs = new ArrayList<>();
      List<Object[]> expected = new ArrayList<>();
      for (Basis b : BASES) {
        double[][][] c = coefficients(rnd, b.size());
        Operand<TFloat64> constant = tf.constant(c);
        Operand<TFloat64> variable = tf.variable(tf.constant(c));
        int index = 0;
        for (double t : depths()) {
          for (Side side : Side.values()) {
            // alternate constant and variable inputs
            Operand<TFloat64> source = index++ % 2 == 0 ? constant : variable;
            outputs.add(BasisOps.at(tf, source, b, t, side));
            expected.add(new Object[] {b, c, t, side});
          }
        }
      }
      Session.Runner runner = session.runner();
      outputs.forEach(runner::fetch);
      try (Result result = runner.run()) {
        for (int o = 0; o < outputs.size(); o++) {
          Basis b = (Basis) expected.get(o)[0];
          double[][][] c = (double[][][]) expected.get(o)[1];
          double t = (double) expected.get(o)[2];
          Side side = (Side) expected.get(o)[3];
          TFloat64 theta = (TFloat64) result.get(o);
          assertThat(theta.shape().asArray()).containsExactly(3, 2);
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
              double[] column = new double[b.size()];
              for (int k = 0; k < b.size(); k++) {
                column[k] = c[k][i][j];
              }
              assertThat(theta.getDouble(i, j))
                  .as("%s t=%s %s (%d,%d)", b.spec(), t, side, i, j)
                  .isCloseTo(b.value(column, t, side), within(1e-14));
            }
          }
        }
      }
    }
  }

  @Test
  void float32CoefficientsGiveFloat32ValuesOfTheSameFunction() {
    // the φ constants follow the coefficient dtype (Cast for the legendre row)
    Random rnd = new Random(12);
    for (Basis b : new Basis[] {new FemLinearBasis(3), new LegendreBasis(3)}) {
      double[][][] c = coefficients(rnd, b.size());
      float[][][] f = new float[c.length][3][2];
      for (int k = 0; k < c.length; k++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 2; j++) {
            f[k][i][j] = (float) c[k][i][j];
          }
        }
      }
      try (Graph g = new Graph();
          Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> theta = BasisOps.at(tf, tf.constant(f), b, 0.3, Side.RIGHT);
        try (Result r = session.runner().fetch(theta).run()) {
          TFloat32 v = (TFloat32) r.get(0);
          double[] column = new double[b.size()];
          for (int k = 0; k < b.size(); k++) {
            column[k] = f[k][2][1];
          }
          assertThat((double) v.getFloat(2, 1)).isCloseTo(b.value(column, 0.3), within(1e-6));
        }
      }
    }
  }

  @Test
  void localBasesEmitOnlySlicesNoContraction() {
    // ≤ 2 static slices per depth: no MatMul/Einsum/BatchMatMul anywhere in the graph
    for (Basis b :
        new Basis[] {
          new PiecewiseConstantBasis(8), new PiecewiseLinearBasis(8), new FemLinearBasis(9)
        }) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Operand<TFloat64> c = tf.constant(new double[b.size()][3][2]);
        for (double t : depths()) {
          BasisOps.at(tf, c, b, t, Side.LEFT);
        }
        Map<String, Integer> counts = opCounts(g);
        assertThat(counts.keySet())
            .as(b.spec())
            .noneMatch(
                type ->
                    type.contains("MatMul") || type.contains("Einsum") || type.equals("Tensordot"));
        assertThat(counts).as(b.spec()).containsKey("StridedSlice");
      }
    }
    // piecewise_constant: exactly one slice and no arithmetic per depth
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> c = tf.constant(new double[4][3][2]);
      BasisOps.at(tf, c, new PiecewiseConstantBasis(4), 0.6, Side.RIGHT);
      Map<String, Integer> counts = opCounts(g);
      assertThat(counts.get("StridedSlice")).isEqualTo(1);
      assertThat(counts).doesNotContainKeys("Mul", "Add", "AddV2");
    }
  }

  @Test
  void legendreEmitsExactlyOneContraction() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> c = tf.constant(new double[5][3][2]);
      Operand<TFloat64> theta = BasisOps.at(tf, c, new LegendreBasis(5), 0.4, Side.RIGHT);
      Map<String, Integer> counts = opCounts(g);
      int contractions =
          counts.getOrDefault("MatMul", 0)
              + counts.getOrDefault("Einsum", 0)
              + counts.getOrDefault("BatchMatMulV2", 0)
              + counts.getOrDefault("BatchMatMulV3", 0);
      assertThat(contractions).isEqualTo(1);
      assertThat(theta.shape().asArray()).containsExactly(3, 2);
    }
  }

  @Test
  void coefficientShapeMustStartWithK() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> c = tf.constant(new double[3][2]);
      assertThatThrownBy(() -> BasisOps.at(tf, c, new FemLinearBasis(4), 0.5, Side.RIGHT))
          .hasMessageContaining("expected shape [4, ...]")
          .hasMessageContaining("found [3, 2]");
    }
  }
}
