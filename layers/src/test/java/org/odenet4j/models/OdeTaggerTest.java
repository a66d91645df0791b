package org.odenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

class OdeTaggerTest {

  /**
   * Padding is masked out of attention: the outputs of a sentence's real tokens do not depend on
   * what its batch-mates contain, and the per-token outputs have shape [batch, length, tags].
   */
  @Test
  void outputsOfRealTokensIgnorePaddingAndHaveTheRightShapes() {
    TaggerModelSpec spec =
        new TaggerModelSpec(20, 5, 6, 8, 2, 16, "elu", OdeBlockSpec.of("piecewise_constant:2", 2));
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 3);
      @SuppressWarnings("unchecked")
      Placeholder<TInt32> tokens = (Placeholder<TInt32>) Models.input(tf, spec);
      ClassifierOutputs out =
          Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, tokens);
      assertThat(out.logits().shape().asArray()).containsExactly(-1, 6, 5);
      int[][] ids = {{4, 7, 9, 0, 0, 0}, {4, 7, 9, 11, 0, 0}};
      try (TInt32 x = TInt32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(ids));
          Result r = s.runner().feed(tokens, x).fetch(out.logits()).fetch(out.classes()).run()) {
        TFloat32 logits = (TFloat32) r.get(0);
        TInt64 classes = (TInt64) r.get(1);
        assertThat(classes.shape().asArray()).containsExactly(2, 6);
        // same sentence 0, a different batch-mate: sentence 0's outputs must not move
        float first = logits.getFloat(0, 0, 0);
        int[][] other = {{4, 7, 9, 0, 0, 0}, {1, 1, 1, 1, 1, 1}};
        try (TInt32 y = TInt32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(other));
            Result r2 = s.runner().feed(tokens, y).fetch(out.logits()).run()) {
          TFloat32 logits2 = (TFloat32) r2.get(0);
          for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 5; c++) {
              assertThat(logits2.getFloat(0, p, c)).isEqualTo(logits.getFloat(0, p, c));
            }
          }
        }
        assertThat(Float.isFinite(first)).isTrue();
      }
    }
  }
}
