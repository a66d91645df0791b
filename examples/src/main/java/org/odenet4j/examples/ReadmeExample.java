package org.odenet4j.examples;

import java.nio.file.Path;
import java.util.List;
import org.odenet4j.data.ImageData;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.train.Model;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The README's Java example, kept compiling and running by {@code ReadmeExampleTest}
 * (integration-tests) and by {@code ExamplesTest} (this project, on the installed artifacts): a
 * user's own network, written once, with an {@link OdeBlock} between two dense layers, trained with
 * refinement on the embedded Fashion-MNIST subset, and exported for TensorFlow Serving.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  // README-BEGIN
  /** Your network, written once: dense → ODE block of MLP units, θ(t) = Σ φₖ(t)·Cₖ → dense. */
  static Operand<TFloat32> net(LayerContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    var h = ctx.apply("in", Dense.of(32), tf.reshape(images, tf.constant(new long[] {-1, 784})));
    var ode = OdeBlock.of(new MlpUnit(64), "piecewise_constant:2", 2); // K = N = 2
    h = ctx.apply("ode", ode, tf.nn.relu(h));
    return ctx.apply("out", Dense.of(10), h);
  }

  public static ExportResult trainAndExport(Path base) throws Exception {
    var model = Model.classifier(ReadmeExample::net, Shape.of(28, 28, 1)); // input "images"
    var config = TrainerConfig.builder().epochs(3).refineAt(List.of(3)).build(); // K, N: 2 → 4
    var result = model.fit(ImageData.embedded().train(), config); // 6,000 images in the jar
    return result.last().export(base); // base/1: SavedModel, tag "serve", "serving_default"
  }
  // README-END
}
