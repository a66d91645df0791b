package org.odenet4j.it;

import java.nio.file.Path;
import java.util.List;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageData;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.odenet4j.train.ClassificationLoss;
import org.odenet4j.train.Trainer;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.train.TrainingData;
import org.odenet4j.train.TrainingGraph;
import org.odenet4j.train.TrainingGraphFactory;
import org.odenet4j.train.TrainingResult;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The README's Java example, kept compiling and running by {@code ReadmeExampleTest}: an {@link
 * OdeBlock} dropped between two dense layers of a user's own TF Java graph, trained with refinement
 * on the embedded Fashion-MNIST subset, and exported for TensorFlow Serving.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  // README-BEGIN
  static final OdeBlockSpec ODE =
      OdeBlockSpec.of("piecewise_constant:2", 2); // K = 2 basis functions, N = 2 Euler steps

  /** Your network: flatten → dense → ODE block of MLP units, θ(t) = Σ φₖ(t)·Cₖ → dense. */
  static Operand<TFloat32> net(LayerContext ctx, Operand<TFloat32> images, OdeBlockSpec ode) {
    Ops tf = ctx.tf();
    Operand<TFloat32> h =
        ctx.apply("in", Dense.of(32), tf.reshape(images, tf.constant(new long[] {-1, 784})));
    h = ctx.apply("ode", new OdeBlock(new MlpUnit(64, Activation.RELU), ode), tf.nn.relu(h));
    return ctx.apply("out", Dense.of(10), h);
  }

  static Placeholder<TFloat32> images(Ops tf) {
    return tf.withName("images")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
  }

  public static ExportResult trainAndExport(Path base) throws Exception {
    TrainingGraphFactory factory =
        (tf, registry, blocks) -> { // training and inference heads share variables
          var x = images(tf);
          var labels = ClassificationLoss.labels(tf);
          LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
          LayerContext infer = LayerContext.root(registry, Mode.INFER, "infer");
          var trainLogits = net(train, x, blocks.apply(ODE));
          var inferLogits = net(infer, x, blocks.apply(ODE));
          return new TrainingGraph(
              x,
              labels,
              null,
              ClassificationLoss.of(tf, trainLogits, labels, null),
              train.updates(),
              ClassificationLoss.of(tf, inferLogits, labels, null),
              inferLogits);
        };
    ImageData data = ImageData.embedded(); // 6,000 train / 1,000 test images shipped in the jar
    TrainingResult result =
        new Trainer(TrainerConfig.builder().epochs(3).refineAt(List.of(3)).build()) // K, N: 2 → 4
            .train(factory, TrainingData.images(data.train(), ImageAugmentation.none()));
    OdeBlockSpec trained = result.lastBlocks().get(0).spec();
    return Exporter.to(base)
        .values(result.last())
        .ignoreExtraValues()
        .graph(
            (tf, registry) -> { // last epoch's values
              var x = images(tf);
              var logits = net(LayerContext.root(registry, Mode.INFER, "serve"), x, trained);
              return SignatureOutputs.builder()
                  .input("images", x)
                  .output("logits", tf.withName("logits").identity(logits))
                  .build();
            })
        .export(); // base/1: SavedModel, tag "serve", signature "serving_default"
  }
  // README-END
}
