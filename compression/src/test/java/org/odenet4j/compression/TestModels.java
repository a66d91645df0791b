package org.odenet4j.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.odenet4j.savedmodel.VariableValues;
import org.odenet4j.units.ConvResidualUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Small exported models (width 4, 8×8×1 input) and helpers to run and compare them. Test helper.
 */
final class TestModels {
  private TestModels() {}

  /** Three blocks of {@code basis}, N steps, Euler, independent coefficients (so depth matters). */
  static ImageModelSpec image(String basis, int steps) {
    OdeBlockSpec b = new OdeBlockSpec(basis, steps, "euler", 1.0, CoefficientInit.INDEPENDENT);
    return new ImageModelSpec(List.of(8, 8, 1), 4, 3, "relu", List.of(b, b, b), 1.0);
  }

  /**
   * Exports {@code spec} with seeded random parameters and random positive running statistics;
   * returns the version directory.
   */
  static Path export(ModelSpec spec, Path base, long seed) {
    return export(spec, base, seed, (name, values) -> values);
  }

  /**
   * As {@link #export(ModelSpec, Path, long)}, with each variable's values passed through {@code
   * transform(name, values)}.
   */
  static Path export(
      ModelSpec spec, Path base, long seed, BiFunction<String, float[], float[]> transform) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.initialized(tf, seed);
      Models.build(LayerContext.root(reg, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      SplittableRandom r = new SplittableRandom(seed * 31 + 7);
      try (Session s = new Session(g)) {
        s.initialize();
        for (ModelVariable v : reg.all()) {
          float[] data;
          try (Result res = s.runner().fetch(v.name()).run()) {
            data = floats((TFloat32) res.get(0));
          }
          if (v.kind() == org.odenet4j.layers.VariableKind.STATE) {
            boolean variance = v.name().endsWith("variance");
            for (int i = 0; i < data.length; i++) {
              data[i] =
                  variance ? (float) (0.5 + r.nextDouble()) : (float) (0.2 * r.nextGaussian());
            }
          }
          values.put(v.name(), tensor(v.shape(), transform.apply(v.name(), data)));
        }
      }
      return Exporter.to(base)
          .graph(ModelExport.of(spec))
          .values(values)
          .source("test fixture", null)
          .export()
          .directory();
    } finally {
      values.values().forEach(Tensor::close);
    }
  }

  /**
   * A user graph: raw conv on a tf.variable(shape, type) → ODE block "ode" → mean pool → raw dense.
   */
  static SignatureOutputs userGraph(Ops tf, ParameterRegistry reg, OdeBlockSpec block) {
    return userGraph(tf, reg, block, null);
  }

  /**
   * The user graph; with a marker path, running it writes that file (a side effect that reads must
   * never trigger).
   */
  static SignatureOutputs userGraph(
      Ops tf, ParameterRegistry reg, OdeBlockSpec block, Path marker) {
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
    Operand<TFloat32> scores = tf.linalg.matMul(pooled, w);
    if (marker != null) {
      var write =
          tf.io.writeFile(tf.constant(marker.toString()), tf.constant("the source graph ran"));
      scores = tf.withControlDependencies(List.of(write)).identity(scores);
    }
    return SignatureOutputs.builder().input("pixels", x).output("scores", scores).build();
  }

  /** The custom graph's factory for the compressor. */
  static GraphFactory userFactory() {
    return blocks -> (tf, reg) -> userGraph(tf, reg, blocks.get("ode"));
  }

  /** Exports the user graph with seeded values (random positive variances). */
  static Path exportUserGraph(OdeBlockSpec block, Path base, long seed) {
    return exportUserGraph(block, base, seed, null);
  }

  /** Exports the user graph, with a side effect on every run when {@code marker} is given. */
  static Path exportUserGraph(OdeBlockSpec block, Path base, long seed, Path marker) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      ParameterRegistry reg = ParameterRegistry.empty(Ops.create(g));
      userGraph(reg.ops(), reg, block);
      SplittableRandom r = new SplittableRandom(seed);
      for (var it = g.operations(); it.hasNext(); ) {
        var op = it.next();
        if (!op.type().equals("VariableV2")) {
          continue;
        }
        long[] shape = op.output(0).shape().asArray();
        float[] data = new float[Math.toIntExact(Shape.of(shape).size())];
        boolean variance = op.name().endsWith("variance");
        for (int i = 0; i < data.length; i++) {
          data[i] = variance ? (float) (0.5 + r.nextDouble()) : (float) (0.4 * r.nextGaussian());
        }
        values.put(op.name(), tensor(shape, data));
      }
      return Exporter.to(base)
          .graph((tf, reg2) -> userGraph(tf, reg2, block, marker))
          .values(values)
          .export()
          .directory();
    } finally {
      values.values().forEach(Tensor::close);
    }
  }

  static TFloat32 tensor(long[] shape, float[] data) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
  }

  static TFloat32 images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n * 8 * 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(n, 8, 8, 1), DataBuffers.of(v, true, false));
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /**
   * Runs the SavedModel in {@code dir} (SavedModelBundle.load, serving_default) and returns one
   * output.
   */
  static float[] run(Path dir, String input, TFloat32 batch, String output) {
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve");
        Result out = b.function("serving_default").call(Map.of(input, batch))) {
      return floats((TFloat32) out.get(output).orElseThrow());
    }
  }

  /** Every variable's raw bytes, by name (read as data). */
  static Map<String, byte[]> rawValues(Path dir) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (VariableValues v = SavedModelReader.open(dir).readValues()) {
      for (String name : v.names()) {
        ByteDataBuffer data = v.tensor(name).asRawTensor().data();
        byte[] bytes = new byte[Math.toIntExact(data.size())];
        data.read(bytes);
        out.put(name, bytes);
      }
    }
    return out;
  }

  /** A float32 variable's values (read as data). */
  static float[] values(Path dir, String name) {
    try (VariableValues v = SavedModelReader.open(dir).readValues(List.of(name))) {
      return v.floats(name);
    }
  }

  /**
   * SHA-256 over every file under {@code dir}: relative path, NUL, bytes; plus the list of
   * directories.
   */
  static String treeHash(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> all = new ArrayList<>(s.sorted().toList());
      for (Path p : all) {
        md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            md.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
