package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head scaled dot-product self-attention on {@code [batch, length, d]} with a padding mask:
 * query, key, value and output projections {@code [d, d]} (Glorot uniform, no bias, as the
 * reference's continuous transformer), softmax(QKᵀ/√(d/h) + mask bias)·V per head.
 *
 * <p>The mask is a {@code [batch, length]} float tensor, 1 for real tokens and 0 for padding;
 * padded keys get a −1e9 bias, so no token attends to padding.
 */
public final class MultiHeadSelfAttention implements Layer {
  private final int heads;
  private final Operand<TFloat32> mask;

  /**
   * @param heads number of heads h (d must be a multiple of h)
   * @param mask {@code [batch, length]}, 1 = token, 0 = padding; null for no mask
   */
  public MultiHeadSelfAttention(int heads, Operand<TFloat32> mask) {
    if (heads < 1) {
      throw new IllegalArgumentException("attention: expected heads >= 1, found " + heads);
    }
    this.heads = heads;
    this.mask = mask;
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    long length = x.shape().size(1);
    long d = x.shape().size(2);
    if (x.shape().numDimensions() != 3 || length < 1 || d < 1 || d % heads != 0) {
      throw new IllegalArgumentException(
          "attention "
              + ctx.path()
              + ": expected [batch, length, d] with static length and d divisible by "
              + heads
              + " heads, found "
              + x.shape());
    }
    long dh = d / heads;
    Ops tf = ctx.tf();
    Operand<TFloat32> q = split(tf, project(ctx, "query", x, d), length, dh);
    Operand<TFloat32> k = split(tf, project(ctx, "key", x, d), length, dh);
    Operand<TFloat32> v = split(tf, project(ctx, "value", x, d), length, dh);
    Operand<TFloat32> scores =
        tf.math.mul(
            tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)),
            tf.constant((float) (1.0 / Math.sqrt(dh))));
    if (mask != null) {
      Operand<TFloat32> bias = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(-1e9f));
      scores = tf.math.add(scores, tf.reshape(bias, tf.constant(new long[] {-1, 1, 1, length})));
    }
    Operand<TFloat32> attended = tf.train.batchMatMul(tf.nn.softmax(scores), v, TFloat32.class);
    Operand<TFloat32> merged =
        tf.reshape(
            tf.linalg.transpose(attended, tf.constant(new int[] {0, 2, 1, 3})),
            tf.constant(new long[] {-1, length, d}));
    return project(ctx, "output", merged, d);
  }

  private static Operand<TFloat32> project(
      LayerContext ctx, String name, Operand<TFloat32> x, long d) {
    return new Dense((int) d, false).apply(ctx.child(name), x);
  }

  private Operand<TFloat32> split(Ops tf, Operand<TFloat32> x, long length, long dh) {
    return tf.linalg.transpose(
        tf.reshape(x, tf.constant(new long[] {-1, length, heads, dh})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }
}
