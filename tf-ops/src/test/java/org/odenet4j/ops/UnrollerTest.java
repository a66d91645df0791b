package org.odenet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.StageTimes;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

class UnrollerTest {

  private static Map<String, Integer> opCounts(Graph g) {
    Map<String, Integer> counts = new HashMap<>();
    for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
      counts.merge(it.next().type(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void eulerWithScaleNIsLiterallyAResidualNetwork() {
    // x ← x + R(x) per step: N Add ops, no Mul, value equal to the Java recurrence x + tanh(x)
    for (int n : new int[] {1, 3, 4, 7, 10, 12, 49, 98}) {
      try (Graph g = new Graph();
          Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat64> x0 = tf.constant(new double[] {0.3, -1.1});
        Operand<TFloat64> x1 =
            Unroller.integrate(
                tf, x0, StageTimes.of(Scheme.EULER, n), n, (stage, x) -> tf.math.tanh(x));
        Map<String, Integer> counts = opCounts(g);
        assertThat(counts).as("N=%d", n).doesNotContainKey("Mul");
        assertThat(counts.getOrDefault("Add", 0) + counts.getOrDefault("AddV2", 0))
            .as("N=%d", n)
            .isEqualTo(n);
        double a = 0.3;
        double b = -1.1;
        for (int i = 0; i < n; i++) {
          a += Math.tanh(a);
          b += Math.tanh(b);
        }
        try (Result r = session.runner().fetch(x1).run()) {
          TFloat64 v = (TFloat64) r.get(0);
          assertThat(v.getDouble(0)).isCloseTo(a, within(1e-12 * Math.abs(a)));
          assertThat(v.getDouble(1)).isCloseTo(b, within(1e-12 * Math.abs(b)));
        }
      }
    }
  }

  @Test
  void unscaledEulerMultipliesEachRateByDt() {
    // dx/dt = 1 from x0 = 1 gives 2 for every scheme (digest §4 integrator test)
    for (Scheme scheme : Scheme.ALL) {
      try (Graph g = new Graph();
          Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat64> one = tf.constant(1.0);
        Operand<TFloat64> x1 =
            Unroller.integrate(tf, one, StageTimes.of(scheme, 3), (stage, x) -> one);
        try (Result r = session.runner().fetch(x1).run()) {
          assertThat(((TFloat64) r.get(0)).getDouble())
              .as(scheme.name())
              .isCloseTo(2.0, within(1e-15));
        }
      }
    }
  }

  @Test
  void zeroTableauEntriesEmitNothing() {
    // midpoint: b = (0, 1) and a₂₁ = ½ → per step one stage-input update and one state update
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x0 = tf.constant(1.0);
      Unroller.integrate(tf, x0, StageTimes.of(Scheme.MIDPOINT, 5), (stage, x) -> tf.math.tanh(x));
      Map<String, Integer> counts = opCounts(g);
      assertThat(counts.getOrDefault("Add", 0) + counts.getOrDefault("AddV2", 0)).isEqualTo(10);
      assertThat(counts.get("Tanh")).isEqualTo(10);
    }
  }
}
