package org.odenet4j.cli.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.odenet4j.data.IdxWriter;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.odenet4j.units.ConvResidualUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Small models (8×8×1, width 4, 3 classes) and IDX test files for the compress, sweep and eval
 * commands. Test helper.
 */
public final class Fixtures {
  private Fixtures() {}

  public static ImageModelSpec spec(String basis, int steps) {
    OdeBlockSpec b = new OdeBlockSpec(basis, steps, "euler", 1.0, CoefficientInit.INDEPENDENT);
    return new ImageModelSpec(List.of(8, 8, 1), 4, 3, "relu", List.of(b, b, b), 1.0);
  }

  /** Exports {@code spec} with seeded initial values; returns the version directory. */
  public static Path export(ImageModelSpec spec, Path base, long seed) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.initialized(tf, seed);
      Models.build(LayerContext.root(reg, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        return Exporter.to(base)
            .graph(ModelExport.of(spec))
            .valuesFrom(s)
            .source("test fixture", null)
            .export()
            .directory();
      }
    }
  }

  /** {@code n} seeded 8×8 images as IDX bytes. */
  public static byte[] pixels(int n, long seed) {
    byte[] p = new byte[n * 64];
    new SplittableRandom(seed).nextBytes(p);
    return p;
  }

  /** The model's predicted classes for IDX pixels (scaled to [0, 1] as the evaluator does). */
  public static int[] predictions(Path model, byte[] pixels) {
    int n = pixels.length / 64;
    float[] f = new float[pixels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (pixels[i] & 0xff) / 255f;
    }
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 images = TFloat32.tensorOf(Shape.of(n, 8, 8, 1), DataBuffers.of(f, true, false));
        Result r = b.function("serving_default").call(Map.of("images", images))) {
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = (int) classes.getLong(i);
      }
      return out;
    }
  }

  /**
   * Writes {@code images.idx} and {@code labels.idx} into {@code dir}; returns {images, labels}.
   */
  public static Path[] idx(Path dir, byte[] pixels, int[] labels) {
    try {
      Files.createDirectories(dir);
      Path images = dir.resolve("images.idx");
      Path lab = dir.resolve("labels.idx");
      IdxWriter.writeImages(images, 8, 8, pixels, false);
      IdxWriter.writeLabels(lab, labels, false);
      return new Path[] {images, lab};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user graph: raw conv on tf.variable(shape, type) → ODE block "ode" → mean → raw dense. */
  static SignatureOutputs userGraph(Ops tf, ParameterRegistry reg, OdeBlockSpec block) {
    Placeholder<TFloat32> x =
        tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 1)));
    Variable<TFloat32> k =
        tf.withName("user_conv_kernel").variable(Shape.of(3, 3, 1, 4), TFloat32.class);
    Operand<TFloat32> h = tf.nn.relu(tf.nn.conv2d(x, k, List.of(1L, 1L, 1L, 1L), "SAME"));
    h =
        new OdeBlock(ConvResidualUnit.relu(4), block)
            .apply(LayerContext.root(reg, Mode.INFER, "user").child("ode"), h);
    Operand<TFloat32> pooled = tf.math.mean(h, tf.constant(new int[] {1, 2}));
    Variable<TFloat32> w = tf.withName("user_dense_w").variable(Shape.of(4, 3), TFloat32.class);
    return SignatureOutputs.builder()
        .input("pixels", x)
        .output("scores", tf.linalg.matMul(pooled, w))
        .build();
  }

  static Path exportUserGraph(Path base) {
    OdeBlockSpec block = OdeBlockSpec.of("piecewise_constant:4", 4);
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      ParameterRegistry reg = ParameterRegistry.empty(Ops.create(g));
      userGraph(reg.ops(), reg, block);
      SplittableRandom r = new SplittableRandom(3);
      for (var it = g.operations(); it.hasNext(); ) {
        var op = it.next();
        if (op.type().equals("VariableV2")) {
          long[] shape = op.output(0).shape().asArray();
          float[] data = new float[Math.toIntExact(Shape.of(shape).size())];
          for (int i = 0; i < data.length; i++) {
            data[i] = op.name().endsWith("variance") ? 1f : (float) (0.3 * r.nextGaussian());
          }
          values.put(
              op.name(), TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
        }
      }
      return Exporter.to(base)
          .graph((tf, reg2) -> userGraph(tf, reg2, block))
          .values(values)
          .export()
          .directory();
    } finally {
      values.values().forEach(Tensor::close);
    }
  }

  /** SHA-256 over every path and file under {@code dir}. */
  public static String treeHash(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : s.sorted().toList()) {
        md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            md.update(in.readAllBytes());
          }
        }
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
