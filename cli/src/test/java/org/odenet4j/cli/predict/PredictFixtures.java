package org.odenet4j.cli.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Models and direct TensorFlow runs for the predict tests. Test helper. */
public final class PredictFixtures {
  private PredictFixtures() {}

  /**
   * Exports a built-in model with seeded initial values (untrained, but every class reachable) and
   * the given class names (none: empty); returns the version directory.
   */
  public static Path export(ModelSpec spec, Path base, long seed, List<String> classNames) {
    return export(spec, ModelExport.of(spec), base, seed, classNames);
  }

  /** As {@link #export(ModelSpec, Path, long, List)}, with the serving graph {@code serving}. */
  static Path export(
      ModelSpec spec, InferenceGraph serving, Path base, long seed, List<String> classNames) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.initialized(tf, seed);
      Models.build(LayerContext.root(reg, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        return Exporter.to(base)
            .graph(serving)
            .valuesFrom(s)
            .source("predict test fixture", null)
            .classNames(classNames)
            .export()
            .directory();
      }
    }
  }

  /**
   * A SavedModel written by TensorFlow Java directly, without an odenet manifest, with two
   * signatures: {@code serving_default} (inputs {@code x} float32 [-1, 2] and {@code ids} int64
   * [-1]; outputs {@code sum} = 2·(x₀ + x₁) float32 [-1] and {@code ids_plus} = ids + 1) and {@code
   * strings} (input {@code text} string [-1]; outputs {@code length} = bytes per string, int32,
   * {@code echo} and {@code echo_bytes} = the strings).
   */
  static Path userModel(Path dir) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      var ids = tf.withName("ids").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      var text = tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var w = tf.withName("w").variable(tf.constant(2f));
      var sum = tf.math.mul(tf.reduceSum(x, tf.constant(1)), w);
      var idsPlus = tf.math.add(ids, tf.constant(1L));
      try (Session s = new Session(g)) {
        s.initialize();
        SavedModelBundle.exporter(dir.toString())
            .withTags("serve")
            .withSession(s)
            .withSignatures(
                Signature.builder()
                    .key("serving_default")
                    .input("x", x)
                    .input("ids", ids)
                    .output("sum", sum)
                    .output("ids_plus", idsPlus)
                    .build(),
                Signature.builder()
                    .key("strings")
                    .input("text", text)
                    .output("length", tf.strings.stringLength(text))
                    .output("echo", tf.identity(text))
                    .output("echo_bytes", tf.identity(text))
                    .build())
            .export();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** {@code n} seeded images of h×w×1 with pixel values k/255 (k = 0..255). */
  static float[] pixels(int n, int h, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[n * h * w];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextInt(256) / 255f;
    }
    return p;
  }

  /**
   * The outputs of {@code serving_default} for float images, run by TensorFlow Java's own {@code
   * SessionFunction} (by signature names, not through predict's code).
   */
  static Map<String, float[]> direct(Path model, float[] images, long... shape) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 in = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(images, true, false));
        Result r = b.function("serving_default").call(Map.of("images", in))) {
      for (String name : List.of("logits", "probabilities", "classes")) {
        Tensor t = r.get(name).orElseThrow();
        float[] v = new float[(int) t.shape().size()];
        if (t instanceof TInt64 l) {
          for (int i = 0; i < v.length; i++) {
            v[i] = l.getLong(i);
          }
        } else {
          ((TFloat32) t).copyTo(DataBuffers.of(v, false, false));
        }
        out.put(name, v);
      }
    }
    return out;
  }
}
