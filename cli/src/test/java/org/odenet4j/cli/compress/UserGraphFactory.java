package org.odenet4j.cli.compress;

import java.util.Map;
import org.odenet4j.compression.GraphFactory;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.InferenceGraph;

/** The {@code --graph} class of the custom-graph fixture (public, no-argument constructor). */
public final class UserGraphFactory implements GraphFactory {
  @Override
  public InferenceGraph build(Map<String, OdeBlockSpec> blocks) {
    return (tf, reg) -> Fixtures.userGraph(tf, reg, blocks.get("ode"));
  }
}
