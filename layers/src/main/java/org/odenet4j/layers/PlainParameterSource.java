package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Plain variables; running statistics follow running ← m·running + (1 − m)·batch. */
final class PlainParameterSource implements ParameterSource {

  @Override
  public Operand<TFloat32> parameter(
      LayerContext ctx, String name, long[] shape, Initializer init) {
    ctx.registry().variable(name, VariableKind.PARAMETER, shape, init);
    return ctx.registry().read(name);
  }

  @Override
  public RunningStatistics runningStatistics(
      LayerContext ctx, String name, int channels, double momentum) {
    long[] shape = {channels};
    Variable<TFloat32> mean =
        ctx.registry()
            .variable(name + "/moving_mean", VariableKind.STATE, shape, Initializers.zeros());
    Variable<TFloat32> variance =
        ctx.registry()
            .variable(name + "/moving_variance", VariableKind.STATE, shape, Initializers.ones());
    return new RunningStatistics() {
      @Override
      public Operand<TFloat32> mean() {
        return mean;
      }

      @Override
      public Operand<TFloat32> variance() {
        return variance;
      }

      @Override
      public void observe(Operand<TFloat32> batchMean, Operand<TFloat32> batchVariance) {
        Ops tf = ctx.tf();
        ctx.addUpdate(tf.assign(mean, ema(tf, mean, batchMean, momentum)));
        ctx.addUpdate(tf.assign(variance, ema(tf, variance, batchVariance, momentum)));
      }
    };
  }

  static Operand<TFloat32> ema(
      Ops tf, Operand<TFloat32> running, Operand<TFloat32> batch, double momentum) {
    return tf.math.add(
        tf.math.mul(running, tf.constant((float) momentum)),
        tf.math.mul(batch, tf.constant((float) (1.0 - momentum))));
  }
}
