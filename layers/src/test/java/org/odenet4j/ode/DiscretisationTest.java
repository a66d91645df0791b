package org.odenet4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A graph's discretisation decides the spec an OdeBlock is built with, not the block's code. */
class DiscretisationTest {
  static final OdeBlockSpec DECLARED = OdeBlockSpec.of("piecewise_constant:2", 2);

  @Test
  void anOdeBlockIsBuiltWithTheSpecItsGraphGives() {
    OdeBlockSpec refined = OdeBlockSpec.of("piecewise_constant:4", 4);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf).withoutLoggedWarnings();
      OdeBlocks.of(registry).discretise(Discretisation.explicit(Map.of("net/ode", refined)));
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      LayerContext ctx = LayerContext.root(registry, Mode.INFER, "serve").child("net");
      new OdeBlock(new MlpUnit(5), DECLARED).apply(ctx.child("ode"), x);
      assertThat(OdeBlocks.of(registry).all())
          .containsExactly(new OdeBlockInfo("net/ode", refined));
      // K = 4 coefficient sets: the variable has the refined first axis
      assertThat(registry.get("net/ode/dense1/kernel").shape()).containsExactly(4, 3, 5);
    }
  }

  @Test
  void withoutADiscretisationBlocksAreBuiltAsDeclared() {
    try (Graph g = new Graph()) {
      ParameterRegistry registry = ParameterRegistry.empty(Ops.create(g));
      assertThat(OdeBlocks.of(registry).specOf("any", DECLARED)).isSameAs(DECLARED);
      assertThat(Discretisation.map(s -> s.withSteps(8)).of("any", DECLARED).steps()).isEqualTo(8);
    }
  }

  @Test
  void explicitSpecsNameTheBlockWithoutOne() {
    assertThatThrownBy(() -> Discretisation.explicit(Map.of("a", DECLARED)).of("b", DECLARED))
        .hasMessage(
            "ODE block b: expected one of the blocks with a discretisation [a], found a block"
                + " without one");
  }

  @Test
  void theDiscretisationIsSetBeforeTheFirstBlock() {
    try (Graph g = new Graph()) {
      ParameterRegistry registry = ParameterRegistry.empty(Ops.create(g));
      OdeBlocks.of(registry).register(new OdeBlockInfo("a", DECLARED));
      assertThatThrownBy(() -> OdeBlocks.of(registry).discretise(Discretisation.AS_DECLARED))
          .hasMessage(
              "ODE blocks: expected the discretisation to be set before the first block is built,"
                  + " found 1 blocks built");
    }
  }
}
