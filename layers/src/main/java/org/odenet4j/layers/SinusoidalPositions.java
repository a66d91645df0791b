package org.odenet4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds fixed (not learned) sinusoidal position encodings to a {@code [batch, length, d]} input:
 * PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).
 */
public final class SinusoidalPositions implements Layer {

  /** The [length, d] table. */
  public static float[][] table(int length, int dimension) {
    float[][] pe = new float[length][dimension];
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < dimension; i += 2) {
        double angle = p / Math.pow(10000.0, (double) i / dimension);
        pe[p][i] = (float) Math.sin(angle);
        if (i + 1 < dimension) {
          pe[p][i + 1] = (float) Math.cos(angle);
        }
      }
    }
    return pe;
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    long length = x.shape().size(1);
    long d = x.shape().size(2);
    if (x.shape().numDimensions() != 3 || length < 1 || d < 1) {
      throw new IllegalArgumentException(
          "positions "
              + ctx.path()
              + ": expected [batch, length, d] with static length and d, found "
              + x.shape());
    }
    Ops tf = ctx.tf();
    return tf.math.add(x, tf.constant(table((int) length, (int) d)));
  }
}
