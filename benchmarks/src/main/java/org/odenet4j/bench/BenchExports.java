package org.odenet4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Exports the benchmark models as SavedModels with the project's {@link Exporter} (tag serve,
 * signature serving_default, input {@code images}, outputs {@code logits}, {@code probabilities},
 * {@code classes}):
 *
 * <ul>
 *   <li>{@code ode-K<k>-N<n>}: {@link ModelExport} of the ODE model, variables [K, …] per block;
 *   <li>{@code handbuilt-K<k>-N<n>}: the {@link HandBuiltResNet} with the same weights, N separate
 *       weight sets per stage. For piecewise_constant + Euler this is exactly the "baked" form
 *       (θ(tᵢ) materialised per step, no slicing at run time).
 * </ul>
 */
public final class BenchExports {
  private BenchExports() {}

  /** Name of a model variant: {@code ode-K16-N16} or {@code handbuilt-K16-N16}. */
  public static String name(boolean handBuilt, int k, int n) {
    return (handBuilt ? "handbuilt" : "ode") + "-K" + k + "-N" + n;
  }

  /**
   * Exports variant {@code name} ({@code (ode|handbuilt)-K<k>-N<n>}, ε = {@code epsilon}, weights
   * from {@code seed}) as version 1 under {@code base}; returns the version directory.
   */
  public static Path export(String name, double epsilon, long seed, Path base) {
    String[] p = name.split("-");
    if (p.length != 3
        || !p[1].startsWith("K")
        || !p[2].startsWith("N")
        || !(p[0].equals("ode") || p[0].equals("handbuilt"))) {
      throw new IllegalArgumentException(
          "model: expected (ode|handbuilt)-K<k>-N<n>, found " + name);
    }
    int k = Integer.parseInt(p[1].substring(1));
    int n = Integer.parseInt(p[2].substring(1));
    ImageModelSpec spec = OdeModel.spec(k, n, epsilon);
    try (OdeModel ode = OdeModel.inference(spec, seed)) {
      if (p[0].equals("ode")) {
        return Exporter.to(base)
            .graph(ModelExport.of(spec))
            .valuesFrom(ode.session)
            .version(1)
            .source("odenet4j benchmarks: " + name, null)
            .export()
            .directory();
      }
      Map<String, float[]> values = HandBuiltResNet.valuesFromOde(spec, ode.values());
      Map<String, TFloat32> tensors = null;
      try {
        // the tensors need the variables' shapes: build the variables once in a scratch graph
        try (Graph g = new Graph()) {
          tensors = HandBuiltResNet.create(Ops.create(g), spec).tensors(values);
        }
        ExportResult r =
            Exporter.to(base)
                .graph(
                    (tf, registry) -> {
                      HandBuiltResNet net = HandBuiltResNet.create(tf, spec);
                      var in = spec.input();
                      Placeholder<TFloat32> images =
                          tf.withName("images")
                              .placeholder(
                                  TFloat32.class,
                                  Placeholder.shape(Shape.of(-1, in.get(0), in.get(1), in.get(2))));
                      HandBuiltResNet.Outputs out = net.infer(ModelExport.HEAD, images);
                      return SignatureOutputs.builder()
                          .input("images", images)
                          .output(ModelExport.LOGITS, out.logits())
                          .output(ModelExport.PROBABILITIES, out.probabilities())
                          .output(ModelExport.CLASSES, out.classes())
                          .build();
                    })
                .values(tensors)
                .version(1)
                .source("odenet4j benchmarks: " + name, null)
                .export();
        return r.directory();
      } finally {
        if (tensors != null) {
          tensors.values().forEach(TFloat32::close);
        }
      }
    }
  }

  /** Bytes of every file under {@code dir}. */
  public static long treeBytes(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list", e);
    }
  }

  /** Bytes of one file, or 0 if absent. */
  public static long fileBytes(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree (best effort). */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
