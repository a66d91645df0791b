package org.odenet4j.ode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the ODE blocks of one graph are discretised: for the block at a variable path, the spec it is
 * built with, given the spec its code declares. Set on a graph's {@link OdeBlocks} before the graph
 * is built ({@link OdeBlocks#discretise}); every {@link OdeBlock} asks it. This is how a trainer
 * rebuilds a user's network with refined bases and doubled step counts, and how a trained
 * checkpoint's network is exported with each block's trained discretisation, with no code of the
 * network's author involved.
 */
@FunctionalInterface
public interface Discretisation {

  /** Every block as its code declares it. */
  Discretisation AS_DECLARED = (block, declared) -> declared;

  /** The spec of the block at {@code block} (its variable path) declared as {@code declared}. */
  OdeBlockSpec of(String block, OdeBlockSpec declared);

  /** Every block's declared spec mapped by {@code change} (e.g. a number of refinement splits). */
  static Discretisation map(UnaryOperator<OdeBlockSpec> change) {
    return (block, declared) -> change.apply(declared);
  }

  /**
   * Explicit specs by block path (e.g. a checkpoint's trained blocks); a block without one is an
   * error.
   */
  static Discretisation explicit(Map<String, OdeBlockSpec> specs) {
    Map<String, OdeBlockSpec> copy = new LinkedHashMap<>(specs);
    return (block, declared) -> {
      OdeBlockSpec spec = copy.get(block);
      if (spec == null) {
        throw new IllegalArgumentException(
            "ODE block "
                + block
                + ": expected one of the blocks with a discretisation "
                + copy.keySet()
                + ", found a block without one");
      }
      return spec;
    };
  }
}
