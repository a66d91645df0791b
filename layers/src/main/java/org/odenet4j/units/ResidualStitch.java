package org.odenet4j.units;

import org.odenet4j.layers.Activation;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.Conv2D;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The transition ("stitch") between stages of the image model: a pre-activation residual unit that
 * may change width and stride. h = Conv3×3(act(BN(Conv3×3_stride(act(BN(x)))))); the skip is x
 * itself when width and stride are unchanged, otherwise BN(Conv1×1_stride(x)) on the raw input; out
 * = skip + ε_s·h.
 *
 * @param width output channels
 * @param stride 1 or 2
 * @param epsilon ε_s, the residual scaling
 * @param activation act
 */
public record ResidualStitch(int width, int stride, double epsilon, Activation activation)
    implements Layer {

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    long in = x.shape().size(-1);
    Operand<TFloat32> h = ctx.apply("bn1", BatchNorm.standard(), x);
    h = activation.apply(ctx.tf(), h);
    h = ctx.apply("conv1", Conv2D.of(width, 3, stride), h);
    h = ctx.apply("bn2", BatchNorm.standard(), h);
    h = activation.apply(ctx.tf(), h);
    h = ctx.apply("conv2", Conv2D.of(width, 3, 1), h);
    Operand<TFloat32> skip = x;
    if (in != width || stride != 1) {
      skip = ctx.apply("skip_conv", Conv2D.of(width, 1, stride), x);
      skip = ctx.apply("skip_bn", BatchNorm.standard(), skip);
    }
    if (epsilon != 1.0) {
      h = ctx.tf().math.mul(h, ctx.tf().constant((float) epsilon));
    }
    return ctx.tf().math.add(skip, h);
  }
}
