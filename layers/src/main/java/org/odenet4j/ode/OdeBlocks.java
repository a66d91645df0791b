package org.odenet4j.ode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.ParameterRegistry;

/**
 * The ODE blocks built into one graph, in build order, and their {@link Discretisation}, kept with
 * the graph's {@link ParameterRegistry}.
 */
public final class OdeBlocks {
  private final Map<String, OdeBlockInfo> blocks = new LinkedHashMap<>();
  private Discretisation discretisation = Discretisation.AS_DECLARED;

  private OdeBlocks() {}

  /** The blocks of the registry's graph. */
  public static OdeBlocks of(ParameterRegistry registry) {
    return registry.extension(OdeBlocks.class, OdeBlocks::new);
  }

  /**
   * Sets how the graph's blocks are discretised (default {@link Discretisation#AS_DECLARED}); only
   * before the first block is built.
   */
  public OdeBlocks discretise(Discretisation newDiscretisation) {
    if (!blocks.isEmpty()) {
      throw new IllegalStateException(
          "ODE blocks: expected the discretisation to be set before the first block is built, found "
              + blocks.size()
              + " blocks built");
    }
    this.discretisation = newDiscretisation;
    return this;
  }

  /** The spec the block at variable path {@code block}, declared as {@code declared}, uses. */
  public OdeBlockSpec specOf(String block, OdeBlockSpec declared) {
    return discretisation.of(block, declared);
  }

  /** Registers a block; registering the same description again is a no-op, another one an error. */
  public void register(OdeBlockInfo info) {
    OdeBlockInfo existing = blocks.putIfAbsent(info.name(), info);
    if (existing != null && !existing.equals(info)) {
      throw new IllegalStateException(
          "ODE block "
              + info.name()
              + ": expected "
              + existing
              + " as registered before, found "
              + info);
    }
  }

  /** The blocks in build order. */
  public List<OdeBlockInfo> all() {
    return List.copyOf(blocks.values());
  }
}
