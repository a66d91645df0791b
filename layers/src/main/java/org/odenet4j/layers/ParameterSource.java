package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Where a {@link LayerContext} gets parameters and running statistics: {@link #PLAIN} hands out
 * ordinary variables; an ODE block installs a source that reads θ(tᵢ) from basis coefficients at
 * the current stage.
 */
public interface ParameterSource {
  /** The trainable tensor named {@code name} (already fully qualified). */
  Operand<TFloat32> parameter(LayerContext ctx, String name, long[] shape, Initializer init);

  /** The running statistics of the normalisation layer named {@code name}. */
  RunningStatistics runningStatistics(LayerContext ctx, String name, int channels, double momentum);

  /** Ordinary variables, exponential moving averages for running statistics. */
  ParameterSource PLAIN = new PlainParameterSource();
}
