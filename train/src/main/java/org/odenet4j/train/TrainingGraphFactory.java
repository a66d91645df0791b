package org.odenet4j.train;

import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.op.Ops;

/**
 * Builds a {@link TrainingGraph} (training and inference heads sharing variables) into a fresh
 * graph. Refinement needs nothing from the factory: the trainer sets the current discretisation on
 * the registry's ODE blocks ({@code OdeBlocks.of(registry).discretise(…)}) before calling it, and
 * every {@code OdeBlock} the factory builds asks for it. A {@link Model}'s {@link Model#training()}
 * is one; write one directly only for a graph a {@link Network} cannot express.
 */
@FunctionalInterface
public interface TrainingGraphFactory {

  /** Builds the graph; all variables must come from {@code registry}. */
  TrainingGraph build(Ops tf, ParameterRegistry registry);
}
