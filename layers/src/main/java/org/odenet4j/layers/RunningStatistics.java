package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The running mean and variance of one normalisation layer, as its context provides them: plain
 * variables with an exponential moving average outside an ODE block, or θ(tᵢ) of {@code [K, C]}
 * state coefficients inside one (continuous-in-depth BatchNorm).
 */
public interface RunningStatistics {
  /** Running mean to normalise with in inference. */
  Operand<TFloat32> mean();

  /** Running (biased) variance to normalise with in inference. */
  Operand<TFloat32> variance();

  /**
   * Reports this training batch's statistics (mean and biased variance, shape [C]); the context
   * turns them into state updates run with the train step.
   */
  void observe(Operand<TFloat32> batchMean, Operand<TFloat32> batchVariance);
}
