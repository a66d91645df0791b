package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Layer normalisation over the last axis: (x − μ)/√(σ² + ε)·γ + β, γ ones and β zeros, biased
 * variance, ε = 1e-6 by default (flax's default).
 *
 * @param epsilon ε
 */
public record LayerNorm(double epsilon) implements Layer {
  public static final double DEFAULT_EPSILON = 1e-6;

  public static LayerNorm standard() {
    return new LayerNorm(DEFAULT_EPSILON);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    long features = x.shape().size(-1);
    if (features < 1) {
      throw new IllegalArgumentException(
          "layer norm " + ctx.path() + ": expected a static last dimension, found " + x.shape());
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> gamma = ctx.parameter("gamma", new long[] {features}, Initializers.ones());
    Operand<TFloat32> beta = ctx.parameter("beta", new long[] {features}, Initializers.zeros());
    Operand<org.tensorflow.types.TInt32> last = tf.constant(new int[] {-1});
    Operand<TFloat32> mu = tf.math.mean(x, last, Mean.keepDims(true));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.squaredDifference(x, mu), last, Mean.keepDims(true));
    Operand<TFloat32> normalized =
        tf.math.mul(
            tf.math.sub(x, mu), tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))));
    return tf.math.add(tf.math.mul(normalized, gamma), beta);
  }
}
