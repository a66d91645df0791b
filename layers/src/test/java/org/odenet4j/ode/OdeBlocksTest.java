package org.odenet4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** The blocks of one graph: one description per name, kept with that graph's registry only. */
class OdeBlocksTest {

  @Test
  void sameDescriptionTwiceIsOneBlockAnotherIsAnError() {
    try (Graph g = new Graph()) {
      ParameterRegistry registry = ParameterRegistry.initialized(Ops.create(g), 7);
      OdeBlockInfo info = new OdeBlockInfo("blk", OdeBlockSpec.of("piecewise_constant:2", 2));
      OdeBlocks.of(registry).register(info);
      OdeBlocks.of(registry)
          .register(new OdeBlockInfo("blk", OdeBlockSpec.of("piecewise_constant:2", 2)));
      assertThat(OdeBlocks.of(registry).all()).containsExactly(info);
      assertThatThrownBy(
              () ->
                  OdeBlocks.of(registry)
                      .register(
                          new OdeBlockInfo("blk", OdeBlockSpec.of("piecewise_constant:4", 4))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("blk");
    }
  }

  @Test
  void eachRegistryHasItsOwnBlocks() {
    try (Graph g1 = new Graph();
        Graph g2 = new Graph()) {
      ParameterRegistry a = ParameterRegistry.initialized(Ops.create(g1), 1);
      ParameterRegistry b = ParameterRegistry.initialized(Ops.create(g2), 1);
      OdeBlocks.of(a).register(new OdeBlockInfo("x", OdeBlockSpec.of("legendre:2", 2)));
      assertThat(OdeBlocks.of(a).all()).hasSize(1);
      assertThat(OdeBlocks.of(b).all()).isEmpty();
      assertThat(OdeBlocks.of(a)).isSameAs(OdeBlocks.of(a));
    }
  }
}
