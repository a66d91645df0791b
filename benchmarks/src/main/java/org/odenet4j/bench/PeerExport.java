package org.odenet4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exports the benchmark image model and its seeded inputs for the peer benchmark ({@code
 * benchmarks/peers/}, JAX and TensorFlow Python written independently of this project).
 *
 * <p>Writes into OUT:
 *
 * <ul>
 *   <li>{@code model/1}: the SavedModel version of {@link OdeModel#inference} (28×28×1, width W, 10
 *       classes, Euler {@code piecewise_constant:K}, N steps, ε, weights from the seed), exported
 *       with the project's {@link Exporter} and {@link ModelExport}: the peers read their weights
 *       from its {@code variables/} checkpoint and compare with its {@code serving_default};
 *   <li>{@code images-128.f32}, {@code images-1.f32}: {@link BenchInputs#images} (seed 2) as raw
 *       little-endian float32 NHWC, {@code labels-128.i32}: {@link BenchInputs#labels} (seed 3) as
 *       little-endian int32;
 *   <li>{@code peer.json}: the model's shape and the training step's settings ({@link
 *       OdeModel#SGD}, learning rate 0.01 as {@link TrainStepBenchmark} feeds it).
 * </ul>
 *
 * <p>Defaults are {@link BasisOverheadBenchmark}'s model (W = 16, K = N = 16, ε = N, seed 1,
 * identical coefficients, BatchNorm state at its initial values). {@code --independent} draws the K
 * coefficients independently and {@code --randomize-bn SEED} applies {@link
 * OdeModel#randomizeAffineAndState}: a model on which a peer reading the wrong coefficient gives
 * different logits.
 *
 * <pre>
 * java -cp CP org.odenet4j.bench.PeerExport OUT [--width W] [--k K] [--steps N] [--epsilon E]
 *     [--seed S] [--independent] [--randomize-bn SEED]
 * </pre>
 */
public final class PeerExport {
  /** Learning rate {@link TrainStepBenchmark} feeds. */
  static final double LEARNING_RATE = 0.01;

  /** Images seed and labels seed of the benchmarks. */
  static final long IMAGES_SEED = 2;

  static final long LABELS_SEED = 3;

  private PeerExport() {}

  /** The command line. */
  record Options(
      Path out,
      int width,
      int k,
      int steps,
      double epsilon,
      long seed,
      boolean independent,
      Long randomizeBn) {

    static Options parse(String[] args) {
      if (args.length < 1 || args[0].startsWith("--")) {
        throw new IllegalArgumentException(
            "usage: PeerExport OUT [--width W] [--k K] [--steps N] [--epsilon E] [--seed S]"
                + " [--independent] [--randomize-bn SEED]");
      }
      int width = 16;
      int k = 16;
      int steps = 16;
      Double epsilon = null;
      long seed = 1;
      boolean independent = false;
      Long randomize = null;
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--width" -> width = Integer.parseInt(value(args, ++i));
          case "--k" -> k = Integer.parseInt(value(args, ++i));
          case "--steps" -> steps = Integer.parseInt(value(args, ++i));
          case "--epsilon" -> epsilon = Double.parseDouble(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--independent" -> independent = true;
          case "--randomize-bn" -> randomize = Long.parseLong(value(args, ++i));
          default ->
              throw new IllegalArgumentException(
                  "PeerExport: expected an option, found '" + args[i] + "'");
        }
      }
      return new Options(
          Path.of(args[0]),
          width,
          k,
          steps,
          epsilon == null ? steps : epsilon,
          seed,
          independent,
          randomize);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(
            "PeerExport: expected a value after " + args[i - 1] + ", found none");
      }
      return args[i];
    }

    ImageModelSpec spec() {
      return ImageModelSpec.of(
          28,
          28,
          1,
          width,
          10,
          new OdeBlockSpec(
              "piecewise_constant:" + k,
              steps,
              "euler",
              epsilon,
              independent ? CoefficientInit.INDEPENDENT : CoefficientInit.IDENTICAL));
    }
  }

  public static void main(String[] args) {
    Options o = Options.parse(args);
    ImageModelSpec spec = o.spec();
    Path model = o.out().resolve("model");
    if (Files.exists(model)) {
      throw new IllegalArgumentException(model + ": expected a new directory, found one");
    }
    Path version;
    try (OdeModel ode = OdeModel.inference(spec, o.seed())) {
      if (o.randomizeBn() != null) {
        ode.randomizeAffineAndState(o.randomizeBn());
      }
      version =
          Exporter.to(model)
              .graph(ModelExport.of(spec))
              .valuesFrom(ode.session)
              .version(1)
              .source("odenet4j benchmarks: PeerExport", null)
              .export()
              .directory();
    }
    try (TFloat32 big = BenchInputs.images(spec, 128, IMAGES_SEED);
        TFloat32 one = BenchInputs.images(spec, 1, IMAGES_SEED);
        TInt32 labels = BenchInputs.labels(spec, 128, LABELS_SEED)) {
      writeFloats(o.out().resolve("images-128.f32"), big);
      writeFloats(o.out().resolve("images-1.f32"), one);
      writeInts(o.out().resolve("labels-128.i32"), labels);
    }
    String json = header(o, o.out().relativize(version).toString());
    write(o.out().resolve("peer.json"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    System.out.print(json);
  }

  /** The JSON header: model, files and training settings. */
  static String header(Options o, String version) {
    return String.format(
        Locale.ROOT,
        """
        {"saved_model": "%s", "input": [28, 28, 1], "width": %d, "classes": 10, \
        "activation": "relu", "basis": "piecewise_constant", "k": %d, "steps": %d, \
        "scheme": "euler", "epsilon": %s, "stitch_epsilon": 1.0, "seed": %d, \
        "coefficient_init": "%s", "randomize_bn": %s, "bn_momentum": 0.9, "bn_epsilon": 1e-5, \
        "images": {"128": "images-128.f32", "1": "images-1.f32"}, "images_seed": %d, \
        "labels": "labels-128.i32", "labels_seed": %d, "dtype_images": "float32 little-endian NHWC", \
        "dtype_labels": "int32 little-endian", "learning_rate": %s, "momentum": %s, \
        "nesterov": %s, "weight_decay": %s}
        """,
        version,
        o.width(),
        o.k(),
        o.steps(),
        Double.toString(o.epsilon()),
        o.seed(),
        o.independent() ? "independent" : "identical",
        o.randomizeBn() == null ? "null" : o.randomizeBn().toString(),
        IMAGES_SEED,
        LABELS_SEED,
        Double.toString(LEARNING_RATE),
        Double.toString(OdeModel.SGD.momentum()),
        OdeModel.SGD.nesterov(),
        Double.toString(OdeModel.SGD.weightDecay()));
  }

  private static void writeFloats(Path file, TFloat32 t) {
    float[] v = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(v, false, false));
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    write(file, b.array());
  }

  private static void writeInts(Path file, TInt32 t) {
    int[] v = new int[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(v, false, false));
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    write(file, b.array());
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write", e);
    }
  }
}
