package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A graph builder from one tensor to another. It gets every parameter and statistic from the
 * context it is given, which is already named for it; so the same layer code builds a plain layer,
 * or a depth-dependent one inside an ODE block.
 */
@FunctionalInterface
public interface Layer {
  Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x);
}
