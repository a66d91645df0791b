package org.odenet4j.train;

import java.util.Arrays;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlocks;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * A user's {@link Network} with its input and task: everything odenet4j needs to build the training
 * head, the inference head and the serving graph from the one definition, to train it ({@link
 * #fit}) and to export its checkpoints ({@link Checkpoint#export}).
 *
 * <ul>
 *   <li>{@link #classifier}: float32 input {@code images} of a given example shape, one class id
 *       per example;
 *   <li>{@link #tagger}: int32 input {@code tokens [batch, length]} (0 = padding), one tag id per
 *       token; padding never counts towards the loss or the accuracy.
 * </ul>
 *
 * <p>The serving graph has the outputs {@code logits}, {@code probabilities} and {@code classes}.
 */
public final class Model {
  /** Name of a classifier's input. */
  public static final String IMAGES = "images";

  /** Name of a tagger's input. */
  public static final String TOKENS = "tokens";

  /** Name prefix of the serving graph's ops. */
  public static final String SERVE_HEAD = "serve";

  private final Network<?> network;
  private final String inputName;
  private final Class<? extends TType> inputType;
  private final long[] exampleShape;
  private final boolean perToken;

  private Model(
      Network<?> network,
      String inputName,
      Class<? extends TType> inputType,
      long[] exampleShape,
      boolean perToken) {
    if (network == null) {
      throw new IllegalArgumentException("model: expected a network, found null");
    }
    for (long d : exampleShape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "model input shape: expected dimensions >= 1, found " + Arrays.toString(exampleShape));
      }
    }
    this.network = network;
    this.inputName = inputName;
    this.inputType = inputType;
    this.exampleShape = exampleShape.clone();
    this.perToken = perToken;
  }

  /**
   * A classifier of float32 examples of {@code exampleShape} (e.g. {@code Shape.of(28, 28, 1)}),
   * fed as input {@code images}, one class id per example.
   */
  public static Model classifier(Network<TFloat32> network, Shape exampleShape) {
    return new Model(network, IMAGES, TFloat32.class, exampleShape.asArray(), false);
  }

  /** A tagger of int32 token ids {@code [batch, maxLength]} (0 = padding), one tag per token. */
  public static Model tagger(Network<TInt32> network, int maxLength) {
    return new Model(network, TOKENS, TInt32.class, new long[] {maxLength}, true);
  }

  /** The input's name: {@value #IMAGES} or {@value #TOKENS}. */
  public String inputName() {
    return inputName;
  }

  /** The input's type: {@code TFloat32} or {@code TInt32}. */
  public Class<? extends TType> inputType() {
    return inputType;
  }

  /** The input's shape, {@code -1} (any batch size) first. */
  public Shape inputShape() {
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = -1;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    return Shape.of(shape);
  }

  /** Trains on {@code data} with {@code config}: {@code new Trainer(config).train(this, data)}. */
  public TrainingResult fit(TrainingData data, TrainerConfig config) {
    return new Trainer(config).train(this, data);
  }

  /** Trains on images scaled to [0, 1] (no augmentation); their shape must be the input's. */
  public TrainingResult fit(ImageDataset images, TrainerConfig config) {
    long[] found = {images.height(), images.width(), images.channels()};
    if (perToken || !Arrays.equals(found, exampleShape)) {
      throw new IllegalArgumentException(
          "fit "
              + images.source()
              + ": expected examples of shape "
              + Arrays.toString(exampleShape)
              + (perToken ? " (int32 tokens)" : "")
              + ", found images of shape "
              + Arrays.toString(found));
    }
    return fit(TrainingData.images(images), config);
  }

  /**
   * The training graph: a {@code train} and an {@code infer} head over one input, sharing
   * variables, built with the discretisation the trainer set on the registry's ODE blocks.
   */
  public TrainingGraphFactory training() {
    return (tf, registry) -> {
      Placeholder<? extends TType> input = input(tf);
      Placeholder<TInt32> labels =
          perToken ? ClassificationLoss.labels(tf, exampleShape[0]) : ClassificationLoss.labels(tf);
      Operand<TFloat32> mask = perToken ? mask(tf, input) : null;
      LayerContext train = LayerContext.root(registry, Mode.TRAIN, ModelTraining.TRAIN_HEAD);
      Operand<TFloat32> trainLogits = logits(train, input);
      LayerContext infer = LayerContext.root(registry, Mode.INFER, ModelTraining.INFER_HEAD);
      Operand<TFloat32> inferLogits = logits(infer, input);
      return new TrainingGraph(
          input,
          labels,
          null,
          ClassificationLoss.of(train.tf(), trainLogits, labels, mask),
          train.updates(),
          ClassificationLoss.of(infer.tf(), inferLogits, labels, mask),
          inferLogits);
    };
  }

  /**
   * The serving graph with the ODE blocks discretised by {@code blocks} (a checkpoint's trained
   * specs): input {@link #inputName()}, outputs {@code logits}, {@code probabilities}, {@code
   * classes}.
   */
  public InferenceGraph serving(Discretisation blocks) {
    return (tf, registry) -> {
      OdeBlocks.of(registry).discretise(blocks);
      Placeholder<? extends TType> input = input(tf);
      LayerContext serve = LayerContext.root(registry, Mode.INFER, SERVE_HEAD);
      Operand<TFloat32> logits = logits(serve, input);
      Ops head = serve.tf();
      int last = logits.shape().numDimensions() - 1;
      return SignatureOutputs.builder()
          .input(inputName, input)
          .output("logits", head.withName("logits").identity(logits))
          .output("probabilities", head.withName("probabilities").nn.softmax(logits))
          .output("classes", head.withName("classes").math.argMax(logits, head.constant(last)))
          .build();
    };
  }

  private Placeholder<? extends TType> input(Ops tf) {
    return tf.withName(inputName).placeholder(inputType, Placeholder.shape(inputShape()));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> mask(Ops tf, Operand<? extends TType> tokens) {
    return tf.withName("token_mask")
        .dtypes
        .cast(tf.math.notEqual((Operand<TInt32>) tokens, tf.constant(0)), TFloat32.class);
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> logits(LayerContext ctx, Operand<? extends TType> input) {
    return ((Network<TType>) network).apply(ctx, (Operand<TType>) input);
  }
}
