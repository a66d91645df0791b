package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Token embedding: a table {@code [vocabulary, dimension]} (normal, std 1/√dimension) gathered by
 * integer ids of any shape; the result has one more axis of size {@code dimension}.
 *
 * @param vocabulary number of ids
 * @param dimension embedding width
 */
public record Embedding(int vocabulary, int dimension) {

  public Embedding {
    if (vocabulary < 1 || dimension < 1) {
      throw new IllegalArgumentException(
          "embedding: expected vocabulary and dimension >= 1, found "
              + vocabulary
              + ", "
              + dimension);
    }
  }

  public Operand<TFloat32> apply(LayerContext ctx, Operand<TInt32> ids) {
    Ops tf = ctx.tf();
    Operand<TFloat32> table =
        ctx.parameter(
            "table",
            new long[] {vocabulary, dimension},
            Initializers.normal(1.0 / Math.sqrt(dimension)));
    return tf.gather(table, ids, tf.constant(0));
  }
}
