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

class LayerNormTest {

  /** (x − μ)/√(σ² + 1e-6)·γ + β over the last axis, biased σ², against plain Java. */
  @Test
  void normalisesTheLastAxisLikeJava() {
    int d = 5;
    SplittableRandom random = new SplittableRandom(7);
    float[] x = TfTesting.uniform(random, 2 * 3 * d, 3.0);
    float[] gamma = TfTesting.uniform(random, d, 0.5, 1.5);
    float[] beta = TfTesting.uniform(random, d, 0.5);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> p =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, d)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.TRAIN, "train").apply("ln", LayerNorm.standard(), p);
      assertThat(registry.all())
          .extracting(ModelVariable::name)
          .containsExactly("ln/gamma", "ln/beta");
      try (Session s = new Session(g)) {
        assertThat(TfTesting.fetch(s, "ln/gamma")).containsOnly(1f);
        assertThat(TfTesting.fetch(s, "ln/beta")).containsOnly(0f);
        TfTesting.assign(s, tf, registry.get("ln/gamma").variable(), gamma);
        TfTesting.assign(s, tf, registry.get("ln/beta").variable(), beta);
        float[] got;
        try (TfTesting.Feeds f = TfTesting.feeds().put(p, new long[] {2, 3, d}, x)) {
          got = TfTesting.run(s, f, y);
        }
        float[] expected = new float[x.length];
        for (int row = 0; row < x.length / d; row++) {
          double m = 0;
          for (int i = 0; i < d; i++) {
            m += x[row * d + i];
          }
          m /= d;
          double v = 0;
          for (int i = 0; i < d; i++) {
            v += (x[row * d + i] - m) * (x[row * d + i] - m);
          }
          v /= d;
          for (int i = 0; i < d; i++) {
            expected[row * d + i] =
                (float) ((x[row * d + i] - m) / Math.sqrt(v + 1e-6) * gamma[i] + beta[i]);
          }
        }
        assertThat(TfTesting.maxAbsDiff(got, expected)).isLessThanOrEqualTo(1e-5);
      }
    }
  }
}
