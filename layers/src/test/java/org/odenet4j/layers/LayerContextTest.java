package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class LayerContextTest {

  /**
   * Variable names are the child path, independent of the head; op names carry the head prefix; so
   * a train and a serve head built in one graph share their variables.
   */
  @Test
  void headsShareVariablesByPathAndPrefixOpNames() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
      LayerContext serve = LayerContext.root(registry, Mode.INFER, "serve");
      assertThat(train.training()).isTrue();
      assertThat(serve.training()).isFalse();
      LayerContext stage = train.child("stage1");
      assertThat(stage.path()).isEqualTo("stage1");
      assertThat(stage.child("dense").path()).isEqualTo("stage1/dense");
      assertThat(stage.qualify("kernel")).isEqualTo("stage1/kernel");
      assertThat(train.path()).isEmpty();
      Operand<TFloat32> a = stage.apply("dense", Dense.of(2), x);
      Operand<TFloat32> b = serve.child("stage1").apply("dense", Dense.of(2), x);
      assertThat(registry.all())
          .extracting(ModelVariable::name)
          .containsExactly("stage1/dense/kernel", "stage1/dense/bias");
      // one op sub-scope per head (layers open none: TF Java rescans the graph on each
      // withSubScope)
      assertThat(a.op().name()).startsWith("train/");
      assertThat(b.op().name()).startsWith("serve/");
      assertThat(g.operation("stage1/dense/kernel").type()).isEqualTo("VariableV2");
      assertThat(stage.source()).isSameAs(ParameterSource.PLAIN);
      assertThat(train.updates()).isEmpty();
    }
  }
}
