package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class EmbeddingTest {

  /** Ids of shape [b, t] gather rows of the [vocabulary, d] table into [b, t, d]. */
  @Test
  void gathersTableRows() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Operand<TInt32> ids = tf.constant(new int[][] {{3, 0}, {1, 3}});
      Operand<TFloat32> y =
          new Embedding(4, 2)
              .apply(LayerContext.root(registry, Mode.INFER, "").child("embed"), ids);
      assertThat(y.shape().asArray()).containsExactly(2, 2, 2);
      assertThat(registry.get("embed/table").shape()).containsExactly(4, 2);
      try (Session s = new Session(g)) {
        float[] table = TfTesting.fetch(s, "embed/table");
        assertThat(TfTesting.run(s, null, y))
            .containsExactly(
                table[6], table[7], table[0], table[1], table[2], table[3], table[6], table[7]);
      }
    }
    assertThatThrownBy(() -> new Embedding(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0, 2");
  }
}
