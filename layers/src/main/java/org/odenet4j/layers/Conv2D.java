package org.odenet4j.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution, NHWC, SAME padding, square kernel and stride; kernel {@code [k, k, C_in,
 * filters]} with Kaiming fan-out normal init; no bias unless asked for (the reference's units are
 * bias-free because a BatchNorm follows).
 *
 * @param filters output channels
 * @param kernelSize k
 * @param stride s
 * @param useBias whether to add a zero-initialised bias
 */
public record Conv2D(int filters, int kernelSize, int stride, boolean useBias) implements Layer {

  public Conv2D {
    if (filters < 1 || kernelSize < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "conv2d: expected filters, kernel and stride >= 1, found " + filters + ", " + kernelSize + ", " + stride);
    }
  }

  /** A bias-free convolution. */
  public static Conv2D of(int filters, int kernelSize, int stride) {
    return new Conv2D(filters, kernelSize, stride, false);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    long in = x.shape().size(-1);
    if (in < 1) {
      throw new IllegalArgumentException("conv2d " + ctx.path() + ": expected a static channel count, found " + x.shape());
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> kernel =
        ctx.parameter("kernel", new long[] {kernelSize, kernelSize, in, filters}, Initializers.kaimingFanOutNormal());
    Operand<TFloat32> y = tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    if (useBias) {
      y = tf.nn.biasAdd(y, ctx.parameter("bias", new long[] {filters}, Initializers.zeros()));
    }
    return y;
  }
}
