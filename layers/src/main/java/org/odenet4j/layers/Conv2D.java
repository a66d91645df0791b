package org.odenet4j.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution, NHWC, SAME padding, square kernel and stride; kernel {@code [k, k, C_in,
 * filters]} with Kaiming fan-out normal init; no bias unless asked for (the reference's units are
 * bias-free because a BatchNorm follows).
 *
 * <p>A 1×1 kernel with stride s &gt; 1 is built as the subsampling {@code x[:, ::s, ::s, :]}
 * followed by a stride-1 1×1 convolution. With SAME padding a 1×1 kernel needs no padding, so
 * output pixel (i, j) reads input pixel (s·i, s·j) either way: the two graphs compute the same
 * function and gradients. The strided form is avoided because TensorFlow 2.18's oneDNN kernel for
 * its filter gradient ({@code Conv2DBackpropFilter}, 1×1, stride 2) corrupts the native heap when
 * the input has fewer than 16 channels, aborting the JVM at the first training step of any image
 * model narrower than 16 (measured on AVX-512 CPUs with oneDNN on, TensorFlow's default; see
 * RELIABILITY.md). Larger kernels keep the strided convolution, which is not affected.
 *
 * @param filters output channels
 * @param kernelSize k
 * @param stride s
 * @param useBias whether to add a zero-initialised bias
 */
public record Conv2D(int filters, int kernelSize, int stride, boolean useBias) implements Layer {
  private static final List<Long> STRIDE_1 = List.of(1L, 1L, 1L, 1L);

  public Conv2D {
    if (filters < 1 || kernelSize < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "conv2d: expected filters, kernel and stride >= 1, found "
              + filters
              + ", "
              + kernelSize
              + ", "
              + stride);
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
      throw new IllegalArgumentException(
          "conv2d " + ctx.path() + ": expected a static channel count, found " + x.shape());
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> kernel =
        ctx.parameter(
            "kernel",
            new long[] {kernelSize, kernelSize, in, filters},
            Initializers.kaimingFanOutNormal());
    Operand<TFloat32> y;
    if (kernelSize == 1 && stride > 1) {
      y = tf.nn.conv2d(subsample(tf, x, stride), kernel, STRIDE_1, "SAME");
    } else {
      y = tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    }
    if (useBias) {
      y = tf.nn.biasAdd(y, ctx.parameter("bias", new long[] {filters}, Initializers.zeros()));
    }
    return y;
  }

  /** {@code x[:, ::s, ::s, :]} of an NHWC tensor: rows and columns 0, s, 2s, …. */
  static Operand<TFloat32> subsample(Ops tf, Operand<TFloat32> x, int s) {
    return tf.stridedSlice(
        x,
        Indices.all(),
        Indices.slice(null, null, s),
        Indices.slice(null, null, s),
        Indices.all());
  }
}
