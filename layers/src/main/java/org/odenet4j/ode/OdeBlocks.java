package org.odenet4j.ode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.ParameterRegistry;

/**
 * The ODE blocks built into one graph, in build order, kept with the graph's {@link
 * ParameterRegistry}.
 */
public final class OdeBlocks {
  private final Map<String, OdeBlockInfo> blocks = new LinkedHashMap<>();

  private OdeBlocks() {}

  /** The blocks of the registry's graph. */
  public static OdeBlocks of(ParameterRegistry registry) {
    return registry.extension(OdeBlocks.class, OdeBlocks::new);
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
