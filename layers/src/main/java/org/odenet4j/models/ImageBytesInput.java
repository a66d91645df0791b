package org.odenet4j.models;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * An image model's encoded-image input, built in the graph: {@code image_bytes} (string {@code
 * [batch]}, each a PNG, JPEG, GIF or BMP file's bytes, as TensorFlow Serving's REST API passes
 * {@code {"b64": …}}) becomes float {@code [batch, H, W, C]} by one rule, applied to each image in
 * a loop:
 *
 * <ol>
 *   <li>decode with TensorFlow's {@code DecodeImage} to RGB (grey replicated, alpha dropped, a
 *       GIF's first frame); for C = 1 then grey by luma, Y = 0.299 R + 0.587 G + 0.114 B (ITU-R
 *       BT.601; a grey file gives back its own pixels); other C decode to C channels directly;
 *   <li>scale to [0, 1] (pixel / 255), as the training data was;
 *   <li>resize to H × W with bilinear interpolation at pixel centres ({@code half_pixel_centers}),
 *       which leaves an image already H × W unchanged.
 * </ol>
 */
public final class ImageBytesInput {
  private ImageBytesInput() {}

  /** The {@code image_bytes} placeholder, string {@code [-1]}. */
  public static Placeholder<TString> placeholder(Ops tf) {
    return tf.withName(Models.IMAGE_BYTES)
        .placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
  }

  /** The decoded batch {@code [n, height, width, channels]} of {@code bytes} ({@code [n]}). */
  public static Operand<TFloat32> decode(
      Ops tf, Operand<TString> bytes, int height, int width, int channels) {
    Graph graph = (Graph) tf.scope().env();
    Operand<TFloat32> empty =
        tf.placeholderWithDefault(
            tf.zeros(tf.constant(new int[] {0, height, width, channels}), TFloat32.class),
            Shape.of(-1, height, width, channels));
    Output<?>[] start = {tf.constant(0).asOutput(), bytes.asOutput(), empty.asOutput()};
    Output<?>[] done =
        graph.whileLoop(
            start,
            (g, in, out) -> {
              Ops c = Ops.create(g);
              @SuppressWarnings("unchecked")
              Operand<TInt32> i = (Operand<TInt32>) in[0];
              @SuppressWarnings("unchecked")
              Operand<TString> all = (Operand<TString>) in[1];
              out[0] = c.math.less(i, c.size(all, TInt32.class)).asOutput();
            },
            (g, in, out) -> {
              Ops b = Ops.create(g);
              @SuppressWarnings("unchecked")
              Operand<TInt32> i = (Operand<TInt32>) in[0];
              @SuppressWarnings("unchecked")
              Operand<TString> all = (Operand<TString>) in[1];
              @SuppressWarnings("unchecked")
              Operand<TFloat32> decoded = (Operand<TFloat32>) in[2];
              Operand<TFloat32> image =
                  one(b, b.gather(all, i, b.constant(0)), height, width, channels);
              out[0] = b.math.add(i, b.constant(1)).asOutput();
              out[1] = all.asOutput();
              out[2] = b.concat(java.util.List.of(decoded, image), b.constant(0)).asOutput();
            },
            "image_bytes_decode");
    @SuppressWarnings("unchecked")
    Operand<TFloat32> images = (Operand<TFloat32>) done[2];
    return tf.ensureShape(images, Shape.of(-1, height, width, channels));
  }

  /** Luma weights of ITU-R BT.601, Y = 0.299 R + 0.587 G + 0.114 B. */
  private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

  /** One image, {@code [1, height, width, channels]}. */
  private static Operand<TFloat32> one(
      Ops tf, Operand<TString> file, int height, int width, int channels) {
    // every format decodes to RGB (GIF and BMP decode to nothing else); grey by luma
    long decoded = channels == 1 ? 3 : channels;
    Operand<TUint8> pixels =
        tf.image.decodeImage(
            file, TUint8.class, DecodeImage.channels(decoded), DecodeImage.expandAnimations(false));
    Operand<TFloat32> scaled =
        tf.math.div(tf.dtypes.cast(pixels, TFloat32.class), tf.constant(255f));
    if (channels == 1) {
      scaled =
          tf.reduceSum(
              tf.math.mul(scaled, tf.constant(new float[][][] {{LUMA}})),
              tf.constant(new int[] {2}),
              ReduceSum.keepDims(true));
    }
    Operand<TFloat32> batch = tf.expandDims(scaled, tf.constant(0));
    return tf.image.resizeBilinear(
        batch,
        tf.constant(new int[] {height, width}),
        ResizeBilinear.halfPixelCenters(true),
        ResizeBilinear.alignCorners(false));
  }
}
