package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalisation over the last (channel) axis of an NHWC or [batch, C] input, with the
 * reference code's conventions: running ← m·running + (1 − m)·batch with m = 0.9, the
 * <em>biased</em> batch variance both to normalise and to update the running variance, ε = 1e-5,
 * learnable scale γ (ones) and offset β (zeros).
 *
 * <p>Uses the fused kernel (FusedBatchNormV3). In training it normalises with the batch statistics
 * and reports them to the context's {@link RunningStatistics}; the fused kernel returns a
 * Bessel-corrected variance, which is scaled back by (n − 1)/n here. In inference it normalises
 * with the running statistics the context provides (θ(tᵢ) inside an ODE block).
 *
 * @param momentum m
 * @param epsilon ε
 */
public record BatchNorm(double momentum, double epsilon) implements Layer {
  public static final double DEFAULT_MOMENTUM = 0.9;
  public static final double DEFAULT_EPSILON = 1e-5;

  public BatchNorm {
    if (!(momentum >= 0 && momentum < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "batch norm: expected 0 <= momentum < 1 and epsilon > 0, found "
              + momentum
              + ", "
              + epsilon);
    }
  }

  /** m = 0.9, ε = 1e-5. */
  public static BatchNorm standard() {
    return new BatchNorm(DEFAULT_MOMENTUM, DEFAULT_EPSILON);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    Shape shape = x.shape();
    int rank = shape.numDimensions();
    long channels = shape.size(-1);
    if ((rank != 2 && rank != 4) || channels < 1) {
      throw new IllegalArgumentException(
          "batch norm "
              + ctx.path()
              + ": expected [batch, C] or [batch, H, W, C] with static C, found "
              + shape);
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> gamma = ctx.parameter("gamma", new long[] {channels}, Initializers.ones());
    Operand<TFloat32> beta = ctx.parameter("beta", new long[] {channels}, Initializers.zeros());
    RunningStatistics stats = ctx.runningStatistics((int) channels, momentum);
    Operand<TFloat32> input =
        rank == 2 ? tf.reshape(x, tf.constant(new long[] {-1, 1, 1, channels})) : x;
    Operand<TFloat32> y;
    if (ctx.training()) {
      FusedBatchNorm<TFloat32, TFloat32> bn =
          tf.nn.fusedBatchNorm(
              input,
              gamma,
              beta,
              tf.constant(new float[0]),
              tf.constant(new float[0]),
              FusedBatchNorm.epsilon((float) epsilon),
              FusedBatchNorm.isTraining(true),
              FusedBatchNorm.dataFormat("NHWC"));
      // n values per channel; the kernel's batch variance is multiplied by n/(n-1): undo it.
      Operand<TFloat32> n =
          tf.math.div(
              tf.dtypes.cast(tf.size(input), TFloat32.class), tf.constant((float) channels));
      Operand<TFloat32> biased =
          tf.math.mul(bn.batchVariance(), tf.math.div(tf.math.sub(n, tf.constant(1f)), n));
      stats.observe(tf.stopGradient(bn.batchMean()), tf.stopGradient(biased));
      y = bn.y();
    } else {
      y =
          tf.nn
              .fusedBatchNorm(
                  input,
                  gamma,
                  beta,
                  stats.mean(),
                  stats.variance(),
                  FusedBatchNorm.epsilon((float) epsilon),
                  FusedBatchNorm.isTraining(false),
                  FusedBatchNorm.dataFormat("NHWC"))
              .y();
    }
    return rank == 2 ? tf.reshape(y, tf.constant(new long[] {-1, channels})) : y;
  }
}
