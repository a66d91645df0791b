package org.odenet4j.examples;

import java.nio.file.Path;
import org.odenet4j.compression.CompressionPlan;
import org.odenet4j.compression.CompressionResult;
import org.odenet4j.compression.Compressor;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.train.Model;
import org.tensorflow.ndarray.Shape;

/**
 * Compresses a trained version from Java, without data or retraining: every ODE block's weights are
 * projected onto fewer basis functions and integrated with fewer steps, and the result is published
 * as the next version beside the source (what {@code odenet compress} does).
 *
 * <pre>
 * java … org.odenet4j.examples.CompressSavedModel models/fashion/1 models/fashion
 * </pre>
 */
public final class CompressSavedModel {
  private CompressSavedModel() {}

  /**
   * Compresses {@code source} (the README example's model: piecewise_constant:4, 4 Euler steps) to
   * two basis functions and two steps, into {@code base}, and returns the new version. The model is
   * the user's own network, so the compressor rebuilds its serving graph from the same {@link
   * Model} at each block's target discretisation (a built-in model needs no graph: its manifest
   * carries its spec).
   */
  public static Path compress(Path source, Path base) {
    Model model = Model.classifier(ReadmeExample::net, Shape.of(28, 28, 1));
    CompressionPlan plan = CompressionPlan.to("piecewise_constant:2").withSteps(2);
    CompressionResult result =
        Compressor.of(plan)
            .graph(blocks -> model.serving(Discretisation.explicit(blocks)))
            .compress(source, base);
    return result.output();
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CompressSavedModel SOURCE_VERSION_DIR BASE_DIR");
      System.exit(2);
    }
    Path version = compress(Path.of(args[0]), Path.of(args[1]));
    for (Manifest.BlockEntry b : Manifest.read(version).odeBlocks()) {
      System.out.println(
          b.name() + ": " + b.basis() + ", " + b.steps() + " " + b.scheme() + " steps");
    }
    System.out.println("wrote " + version);
  }
}
