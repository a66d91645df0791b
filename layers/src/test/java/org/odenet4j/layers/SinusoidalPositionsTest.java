package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class SinusoidalPositionsTest {

  /**
   * PE[p, 2i] = sin(p/10000^(2i/d)), PE[p, 2i+1] = cos(…), added to every sequence, no variables.
   */
  @Test
  void addsTheFixedSinusoidTable() {
    int t = 3;
    int d = 6;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, t, d)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.INFER, "").apply("pos", new SinusoidalPositions(), x);
      assertThat(registry.all()).isEmpty();
      float[] in = new float[2 * t * d];
      in[t * d] = 1f; // sequence 1, position 0, feature 0
      try (Session s = new Session(g);
          TfTesting.Feeds f = TfTesting.feeds().put(x, new long[] {2, t, d}, in)) {
        float[] out = TfTesting.run(s, f, y);
        for (int b = 0; b < 2; b++) {
          for (int p = 0; p < t; p++) {
            for (int i = 0; i < d; i++) {
              double angle = p / Math.pow(10000, (double) (i - i % 2) / d);
              double pe = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
              int at = (b * t + p) * d + i;
              assertThat((double) out[at]).isCloseTo(in[at] + pe, within(1e-6));
            }
          }
        }
      }
    }
  }
}
