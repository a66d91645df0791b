package org.odenet4j.units;

import org.odenet4j.layers.Activation;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.Conv2D;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The pre-activation residual branch R(h) = Conv3×3(act(BN(Conv3×3(act(BN(h)))))), bias-free, width
 * preserved: the rate unit of the image ODE blocks ({@code 18·w² + 4·w} parameters per basis
 * coefficient). Children: {@code bn1}, {@code conv1}, {@code bn2}, {@code conv2}.
 *
 * @param width channels w (must equal the input's)
 * @param activation act
 */
public record ConvResidualUnit(int width, Activation activation) implements Layer {

  public static ConvResidualUnit relu(int width) {
    return new ConvResidualUnit(width, Activation.RELU);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    if (x.shape().size(-1) != width) {
      throw new IllegalArgumentException(
          "residual unit "
              + ctx.path()
              + ": expected "
              + width
              + " input channels, found "
              + x.shape());
    }
    Operand<TFloat32> h = ctx.apply("bn1", BatchNorm.standard(), x);
    h = activation.apply(ctx.tf(), h);
    h = ctx.apply("conv1", Conv2D.of(width, 3, 1), h);
    h = ctx.apply("bn2", BatchNorm.standard(), h);
    h = activation.apply(ctx.tf(), h);
    return ctx.apply("conv2", Conv2D.of(width, 3, 1), h);
  }
}
