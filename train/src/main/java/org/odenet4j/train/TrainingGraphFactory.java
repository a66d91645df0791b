package org.odenet4j.train;

import java.util.function.UnaryOperator;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.op.Ops;

/**
 * Builds a {@link TrainingGraph} (training and inference heads sharing variables) into a fresh
 * graph. The factory passes every {@link OdeBlockSpec} it declares through {@code blocks} before
 * building the block: that is how refinement training rebuilds the same graph with refined bases
 * and doubled step counts. For a model without refinement, {@code blocks} is the identity.
 */
@FunctionalInterface
public interface TrainingGraphFactory {

  /** Builds the graph; all variables must come from {@code registry}. */
  TrainingGraph build(Ops tf, ParameterRegistry registry, UnaryOperator<OdeBlockSpec> blocks);
}
