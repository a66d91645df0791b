package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Fully connected layer on the last axis of a rank-2 or higher input: kernel {@code [in, units]}
 * (Glorot uniform), bias {@code [units]} (zeros) unless disabled.
 *
 * @param units output features
 * @param useBias whether to add a bias
 */
public record Dense(int units, boolean useBias) implements Layer {

  public Dense {
    if (units < 1) {
      throw new IllegalArgumentException("dense: expected units >= 1, found " + units);
    }
  }

  public static Dense of(int units) {
    return new Dense(units, true);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    Shape shape = x.shape();
    long in = shape.size(-1);
    if (in < 1) {
      throw new IllegalArgumentException(
          "dense " + ctx.path() + ": expected a static last dimension, found " + shape);
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> kernel =
        ctx.parameter("kernel", new long[] {in, units}, Initializers.glorotUniform());
    Operand<TFloat32> y;
    if (shape.numDimensions() == 2) {
      y = tf.linalg.matMul(x, kernel);
    } else {
      long[] out = shape.asArray().clone();
      for (int d = 1; d < out.length; d++) {
        if (out[d] < 0) {
          throw new IllegalArgumentException(
              "dense " + ctx.path() + ": expected static inner dimensions, found " + shape);
        }
      }
      out[0] = -1;
      out[out.length - 1] = units;
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
      y = tf.reshape(tf.linalg.matMul(flat, kernel), tf.constant(out));
    }
    if (useBias) {
      y = tf.nn.biasAdd(y, ctx.parameter("bias", new long[] {units}, Initializers.zeros()));
    }
    return y;
  }
}
