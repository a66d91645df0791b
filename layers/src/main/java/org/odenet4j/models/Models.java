package org.odenet4j.models;

import org.odenet4j.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/** One entry point for every {@link ModelSpec}: its input placeholder and its graph. */
public final class Models {
  /** Input name of image models (float [-1, H, W, C]). */
  public static final String IMAGES = "images";

  /** Input name of taggers (int32 [-1, maxLength], 0 = PAD). */
  public static final String TOKENS = "tokens";

  /** Input name of a tagger's word signature (string [-1, -1], "" = padding). */
  public static final String WORDS = "words";

  /** Input name of an image model's encoded-image signature (string [-1], PNG/JPEG/GIF/BMP). */
  public static final String IMAGE_BYTES = "image_bytes";

  private Models() {}

  /** The input name of a spec's signature. */
  public static String inputName(ModelSpec spec) {
    return spec instanceof ImageModelSpec ? IMAGES : TOKENS;
  }

  /**
   * A batch-dynamic placeholder for the spec's input, named {@code prefix/images} or {@code
   * prefix/tokens}.
   */
  public static Placeholder<? extends TType> input(Ops tf, ModelSpec spec) {
    if (spec instanceof ImageModelSpec image) {
      var in = image.input();
      return tf.withName(IMAGES)
          .placeholder(
              TFloat32.class, Placeholder.shape(Shape.of(-1, in.get(0), in.get(1), in.get(2))));
    }
    TaggerModelSpec tagger = (TaggerModelSpec) spec;
    return tf.withName(TOKENS)
        .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, tagger.maxLength())));
  }

  /** Builds the spec's graph on {@code input} in {@code ctx}. */
  @SuppressWarnings("unchecked")
  public static ClassifierOutputs build(
      LayerContext ctx, ModelSpec spec, Operand<? extends TType> input) {
    if (spec instanceof ImageModelSpec image) {
      if (input.type() != TFloat32.class) {
        throw new IllegalArgumentException(
            "image model input: expected float32, found " + input.type().getSimpleName());
      }
      return OdeImageClassifier.build(ctx, image, (Operand<TFloat32>) input);
    }
    if (input.type() != TInt32.class) {
      throw new IllegalArgumentException(
          "tagger input: expected int32 token ids, found " + input.type().getSimpleName());
    }
    return OdeTagger.build(ctx, (TaggerModelSpec) spec, (Operand<TInt32>) input);
  }
}
