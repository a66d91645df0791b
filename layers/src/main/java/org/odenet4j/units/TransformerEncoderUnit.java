package org.odenet4j.units;

import org.odenet4j.layers.Activation;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.LayerNorm;
import org.odenet4j.layers.MultiHeadSelfAttention;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The continuous transformer rate of the reference: a = SelfAttention(LN₁(x)), r = MLP(LN₂(x + a)),
 * dx/dt = a + r (pre-LN). With Euler, one step of size 1 and K = 1 this is one standard pre-LN
 * encoder layer: x + a + MLP(LN(x + a)). Children: {@code ln1}, {@code attention}, {@code ln2},
 * {@code mlp1}, {@code mlp2}.
 */
public final class TransformerEncoderUnit implements Layer {
  private final int heads;
  private final int mlpDim;
  private final Activation activation;
  private final Operand<TFloat32> mask;

  /**
   * @param heads attention heads
   * @param mlpDim hidden width of the MLP
   * @param activation MLP activation (the reference uses elu)
   * @param mask [batch, length] 1 = token, 0 = padding, or null
   */
  public TransformerEncoderUnit(
      int heads, int mlpDim, Activation activation, Operand<TFloat32> mask) {
    this.heads = heads;
    this.mlpDim = mlpDim;
    this.activation = activation;
    this.mask = mask;
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    int d = (int) x.shape().size(-1);
    Operand<TFloat32> a = ctx.apply("ln1", LayerNorm.standard(), x);
    a = ctx.apply("attention", new MultiHeadSelfAttention(heads, mask), a);
    Operand<TFloat32> r = ctx.apply("ln2", LayerNorm.standard(), tf.math.add(x, a));
    r = ctx.apply("mlp1", Dense.of(mlpDim), r);
    r = activation.apply(tf, r);
    r = ctx.apply("mlp2", Dense.of(d), r);
    return tf.math.add(a, r);
  }
}
