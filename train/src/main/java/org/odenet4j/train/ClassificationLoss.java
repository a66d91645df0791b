package org.odenet4j.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Softmax cross-entropy, correct predictions and counted examples for class logits {@code [batch,
 * classes]} or per-token logits {@code [batch, length, classes]} with a token mask (1 on real
 * tokens, 0 on padding; padding never counts towards the loss or the accuracy). Labels go in as
 * int32 ids and are one-hot encoded in the graph: TF Java 1.1.0 has no gradient for the sparse
 * cross-entropy op.
 *
 * @param mean the loss averaged over counted examples (what the optimizer minimises)
 * @param sum the loss summed over counted examples
 * @param correct the number of counted examples whose arg-max equals the label
 * @param count the number of counted examples (batch size, or real tokens)
 */
public record ClassificationLoss(
    Operand<TFloat32> mean,
    Operand<TFloat32> sum,
    Operand<TFloat32> correct,
    Operand<TFloat32> count) {

  /**
   * Builds the loss ops.
   *
   * @param logits {@code [batch, classes]} or {@code [batch, length, classes]}
   * @param labels int32 ids of the logits' shape without the class axis
   * @param mask float {@code [batch, length]} for per-token logits, or null
   */
  public static ClassificationLoss of(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> mask) {
    int rank = logits.shape().numDimensions();
    long classes = logits.shape().size(rank - 1);
    if (classes < 1) {
      throw new IllegalArgumentException(
          "loss: expected logits with a known class axis, found shape " + logits.shape());
    }
    Operand<TFloat32> flat = tf.reshape(logits, tf.constant(new long[] {-1, classes}));
    Operand<TInt32> flatLabels = tf.reshape(labels, tf.constant(new long[] {-1}));
    Operand<TFloat32> oneHot =
        tf.oneHot(flatLabels, tf.constant((int) classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(flat, oneHot).loss();
    Operand<TFloat32> hit =
        tf.dtypes.cast(
            tf.math.equal(tf.math.argMax(flat, tf.constant(1), TInt32.class), flatLabels),
            TFloat32.class);
    Operand<TInt32> zero = tf.constant(0);
    Operand<TFloat32> sum;
    Operand<TFloat32> count;
    Operand<TFloat32> correct;
    if (mask == null) {
      // nothing derived from the logits may feed the count: every op between a parameter and the
      // loss needs a gradient, and OnesLike/Size have none in TF Java 1.1.0
      sum = tf.sum(perExample, zero);
      count = tf.dtypes.cast(tf.size(flatLabels), TFloat32.class);
      correct = tf.sum(hit, zero);
    } else {
      Operand<TFloat32> weight = tf.reshape(mask, tf.constant(new long[] {-1}));
      sum = tf.sum(tf.math.mul(perExample, weight), zero);
      count = tf.sum(weight, zero);
      correct = tf.sum(tf.math.mul(hit, weight), zero);
    }
    Operand<TFloat32> mean = tf.math.div(sum, tf.math.maximum(count, tf.constant(1f)));
    return new ClassificationLoss(mean, sum, correct, count);
  }

  /**
   * A batch-dynamic int32 label placeholder of the given per-example shape, named {@code labels}.
   */
  public static Placeholder<TInt32> labels(Ops tf, long... perExample) {
    long[] shape = new long[perExample.length + 1];
    shape[0] = -1;
    System.arraycopy(perExample, 0, shape, 1, perExample.length);
    return tf.withName("labels")
        .placeholder(TInt32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(shape)));
  }
}
