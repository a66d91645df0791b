package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class DenseTest {

  /** A rank-3 input [batch, T, in] maps every position by x·W + b, keeping [batch, T, units]. */
  @Test
  void rankThreeInputIsMappedPerPosition() {
    int t = 3;
    int in = 4;
    int units = 5;
    SplittableRandom random = new SplittableRandom(2);
    float[] x = TfTesting.uniform(random, 2 * t * in, 1.0);
    float[] bias = TfTesting.uniform(random, units, 1.0);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> p =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, t, in)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.INFER, "").apply("dense", Dense.of(units), p);
      assertThat(y.shape().asArray()).containsExactly(-1, t, units);
      assertThat(registry.get("dense/kernel").shape()).containsExactly(in, units);
      try (Session s = new Session(g)) {
        TfTesting.assign(s, tf, registry.get("dense/bias").variable(), bias);
        float[] w = TfTesting.fetch(s, "dense/kernel");
        float[] got;
        try (TfTesting.Feeds f = TfTesting.feeds().put(p, new long[] {2, t, in}, x)) {
          got = TfTesting.run(s, f, y);
        }
        float[] expected = new float[2 * t * units];
        for (int row = 0; row < 2 * t; row++) {
          for (int u = 0; u < units; u++) {
            double sum = bias[u];
            for (int i = 0; i < in; i++) {
              sum += x[row * in + i] * w[i * units + u];
            }
            expected[row * units + u] = (float) sum;
          }
        }
        assertThat(TfTesting.maxAbsDiff(got, expected)).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void rankTwoWithoutBias() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.INFER, "").apply("d", new Dense(2, false), p);
      assertThat(y.shape().asArray()).containsExactly(-1, 2);
      assertThat(registry.all()).extracting(ModelVariable::name).containsExactly("d/kernel");
      try (Session s = new Session(g);
          TfTesting.Feeds f = TfTesting.feeds().put(p, new long[] {1, 3}, new float[] {1, 0, 0})) {
        float[] w = TfTesting.fetch(s, "d/kernel");
        assertThat(TfTesting.run(s, f, y)).containsExactly(w[0], w[1]);
      }
    }
  }
}
