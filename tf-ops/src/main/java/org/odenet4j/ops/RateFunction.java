package org.odenet4j.ops;

import org.odenet4j.integrate.Stage;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TType;

/**
 * The right-hand side R(θ(t), x) of dx/dt = R as a graph builder: called once per stage of the
 * unrolled integration, with the stage (its depth, step, side) and the stage input, it emits the
 * ops of the rate and returns them.
 *
 * @param <T> the tensor type of the state
 */
@FunctionalInterface
public interface RateFunction<T extends TType> {
  Operand<T> apply(Stage stage, Operand<T> x);
}
