package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.compression.CompressionPlan;
import org.odenet4j.compression.Compressor;
import org.odenet4j.compression.Method;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.train.Model;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Our SavedModels, read by TensorFlow's own Python loader: every kind of version we write (the
 * built-in image classifier and tagger, a user's graph around an ODE block, and compressed versions
 * of each: fewer K, fewer N, another scheme, per-block tolerance, every other basis family) is
 * loaded with {@code tf.saved_model.load} and its {@code serving_default} signature called on the
 * same inputs as TF Java's; the classes must agree and the logits within 1e-5. {@code
 * saved_model_cli show --all} must also list the signature and its input. The Python side ({@code
 * tf_load_run.py}) is a test fixture; the test skips only when no Python with TensorFlow is found.
 */
class PythonLoaderInteropTest {
  static final String ENV = "ODENET4J_PYTHON";
  static final Path DEFAULT_PYTHON =
      Path.of(System.getProperty("user.home"), ".cache", "odenet4j", "venv", "bin", "python");
  static final String HOW_TO_INSTALL =
      "no Python with TensorFlow: set "
          + ENV
          + " to a python that can import tensorflow, or run `python3 -m venv"
          + " ~/.cache/odenet4j/venv && ~/.cache/odenet4j/venv/bin/pip install tensorflow-cpu==2.21.0`";
  static final int IMAGES = 16;
  static final int SENTENCES = 8;
  static final double MAX_LOGIT_DIFF = 1e-5;
  static final ObjectMapper JSON = new ObjectMapper();

  static Path python;

  /** A version to check: its kind, directory, input name and input values. */
  record Version(String kind, Path dir, String input, Tensor feed) {}

  /** Sets {@link #python}, or skips the test (the only reason to skip) with how to install it. */
  @BeforeEach
  void findPython() throws Exception {
    String env = System.getenv(ENV);
    Path candidate = env != null && !env.isBlank() ? Path.of(env) : DEFAULT_PYTHON;
    boolean available = Files.isExecutable(candidate);
    if (available) {
      Process p =
          new ProcessBuilder(candidate.toString(), "-c", "import tensorflow")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      available = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
      p.destroyForcibly();
    }
    Assumptions.assumeTrue(available, HOW_TO_INSTALL + " (tried " + candidate + ")");
    python = candidate;
  }

  @Test
  void pythonLoaderServesEveryKindOfVersionAsTfJavaDoes(@TempDir Path tmp) throws Exception {
    long start = System.nanoTime();
    ImageDataset test = ImageData.embedded().test();
    int[] first = new int[IMAGES];
    for (int i = 0; i < IMAGES; i++) {
      first[i] = i;
    }
    float[] pixels = test.batch(first);
    TaggerModelSpec taggerSpec = tagger();
    int[] tokens = tokens(taggerSpec);

    Path image = exportBuiltIn(image(), tmp.resolve("image"), 11);
    Path tagger = exportBuiltIn(taggerSpec, tmp.resolve("tagger"), 12);
    Model model = Model.classifier(PythonLoaderInteropTest::net, Shape.of(28, 28, 1));
    Path user = trainUserGraph(model, ImageData.embedded().train(), tmp.resolve("user"));

    Map<String, Path> images = new LinkedHashMap<>();
    Map<String, Path> sequences = new LinkedHashMap<>();
    images.put("image classifier (built-in)", image);
    sequences.put("tagger (built-in)", tagger);
    images.put("user graph (Model.classifier)", user);
    images.put("image: fewer K (pc:4 -> pc:2)", compress(image, tmp, "k", plan("pc2"), null));
    images.put("image: fewer N (4 -> 2 steps)", compress(image, tmp, "n", plan("n2"), null));
    images.put("image: rk4 scheme", compress(image, tmp, "rk4", plan("rk4"), null));
    images.put("image: per-block tolerance 0.5", compress(image, tmp, "tol", plan("tol"), null));
    images.put("image: fem_linear:3", compress(image, tmp, "fem", plan("fem"), null));
    images.put(
        "image: piecewise_linear:2 (interpolation)", compress(image, tmp, "pl", plan("pl"), null));
    images.put("image: legendre:3 (projection)", compress(image, tmp, "leg", plan("leg"), null));
    sequences.put(
        "tagger: pc:1, 2 midpoint steps", compress(tagger, tmp, "tmid", plan("tmid"), null));
    images.put(
        "user graph: pc:2, 2 steps", compress(user, tmp, "u2", plan("pc2").withSteps(2), model));
    images.put(
        "user graph: legendre:2 (interpolation)", compress(user, tmp, "uleg", plan("uleg"), model));
    long written = System.nanoTime();

    List<Version> versions = new ArrayList<>();
    try {
      for (var e : images.entrySet()) {
        versions.add(
            new Version(
                e.getKey(),
                e.getValue(),
                Model.IMAGES,
                TFloat32.tensorOf(
                    Shape.of(IMAGES, 28, 28, 1), DataBuffers.of(pixels, true, false))));
      }
      for (var e : sequences.entrySet()) {
        versions.add(
            new Version(
                e.getKey(),
                e.getValue(),
                Model.TOKENS,
                TInt32.tensorOf(
                    Shape.of(SENTENCES, taggerSpec.maxLength()),
                    DataBuffers.of(tokens, true, false))));
      }
      check(versions, pixels, tokens, taggerSpec.maxLength(), tmp, start, written);
    } finally {
      versions.forEach(v -> v.feed().close());
    }
  }

  private static void check(
      List<Version> versions,
      float[] pixels,
      int[] tokens,
      int maxLength,
      Path tmp,
      long start,
      long written)
      throws Exception {
    Path imagesFile = tmp.resolve("in/images.bin");
    Path tokensFile = tmp.resolve("in/tokens.bin");
    Files.createDirectories(imagesFile.getParent());
    Files.write(imagesFile, littleEndian(pixels));
    Files.write(tokensFile, littleEndian(tokens));

    ObjectNode job = JSON.createObjectNode();
    ArrayNode list = job.putArray("versions");
    for (int i = 0; i < versions.size(); i++) {
      Version v = versions.get(i);
      ObjectNode entry = list.addObject();
      entry.put("dir", v.dir().toString());
      entry.put("out", tmp.resolve("out/" + i).toString());
      ObjectNode in = entry.putObject("inputs").putObject(v.input());
      boolean isImage = v.input().equals(Model.IMAGES);
      in.put("file", (isImage ? imagesFile : tokensFile).toString());
      in.put("dtype", isImage ? "float32" : "int32");
      ArrayNode shape = in.putArray("shape");
      if (isImage) {
        shape.add(IMAGES).add(28).add(28).add(1);
      } else {
        shape.add(SENTENCES).add(maxLength);
      }
    }
    Path jobFile = tmp.resolve("job.json");
    JSON.writeValue(jobFile.toFile(), job);
    Path script = tmp.resolve("tf_load_run.py");
    try (InputStream s = PythonLoaderInteropTest.class.getResourceAsStream("tf_load_run.py")) {
      Files.copy(s, script);
    }

    ExecutorService cliPool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Run>> shows = new ArrayList<>();
      for (Version v : versions) {
        shows.add(cliPool.submit(() -> savedModelCli(v.dir())));
      }
      Run loader = run(tmp, List.of(python.toString(), script.toString(), jobFile.toString()));
      assertThat(loader.exit()).as("tf_load_run.py output:%n%s", loader.output()).isZero();
      String lastLine = loader.output().strip().lines().reduce((a, b) -> b).orElse("");
      JsonNode versionsInfo = JSON.readTree(lastLine);

      StringBuilder report = new StringBuilder();
      for (int i = 0; i < versions.size(); i++) {
        Version v = versions.get(i);
        Outputs java = javaOutputs(v);
        Outputs py = pythonOutputs(tmp.resolve("out/" + i));
        assertThat(py.logits()).as("%s: logits length", v.kind()).hasSize(java.logits().length);
        assertThat(py.classes()).as("%s: classes", v.kind()).containsExactly(java.classes());
        double max = 0;
        for (int k = 0; k < java.logits().length; k++) {
          max = Math.max(max, Math.abs(java.logits()[k] - py.logits()[k]));
        }
        assertThat(max).as("%s: max |Δ logits|", v.kind()).isLessThanOrEqualTo(MAX_LOGIT_DIFF);
        report.append(String.format("  %-44s max |Δ logits| = %.3g%n", v.kind(), max));

        Run show = shows.get(i).get(180, TimeUnit.SECONDS);
        assertThat(show.exit()).as("saved_model_cli on %s:%n%s", v.kind(), show.output()).isZero();
        assertThat(show.output())
            .as("saved_model_cli on %s", v.kind())
            .contains("signature_def['serving_default']")
            .contains("inputs['" + v.input() + "']");
      }
      System.out.printf(
          "PythonLoaderInteropTest: %d versions; TensorFlow (Python) %s, Python %s;"
              + " written in %.1f s, total %.1f s%n%s",
          versions.size(),
          versionsInfo.path("tensorflow").asText(),
          versionsInfo.path("python").asText(),
          (written - start) / 1e9,
          (System.nanoTime() - start) / 1e9,
          report);
    } finally {
      cliPool.shutdownNow();
    }
  }

  // ---- versions ----

  /** 28×28×1, width 4, 10 classes, piecewise_constant:4 with 4 Euler steps, independent init. */
  static ImageModelSpec image() {
    return ImageModelSpec.of(
        28,
        28,
        1,
        4,
        10,
        new OdeBlockSpec("piecewise_constant:4", 4, "euler", 1.0, CoefficientInit.INDEPENDENT));
  }

  static TaggerModelSpec tagger() {
    return new TaggerModelSpec(
        12,
        3,
        5,
        8,
        2,
        8,
        "elu",
        new OdeBlockSpec("piecewise_constant:4", 4, "euler", 1.0, CoefficientInit.INDEPENDENT));
  }

  /** Eight seeded sentences of ids in [2, 12), the last ones padded with 0. */
  static int[] tokens(TaggerModelSpec spec) {
    int len = spec.maxLength();
    int[] t = new int[SENTENCES * len];
    SplittableRandom r = new SplittableRandom(5);
    for (int s = 0; s < SENTENCES; s++) {
      int words = 1 + s % len;
      for (int k = 0; k < words; k++) {
        t[s * len + k] = r.nextInt(2, spec.vocabulary());
      }
    }
    return t;
  }

  /** A built-in spec exported with seeded initial values; returns the version directory. */
  static Path exportBuiltIn(ModelSpec spec, Path base, long seed) {
    return exportBuiltIn(ModelExport.of(spec), base, seed);
  }

  /** As {@link #exportBuiltIn(ModelSpec, Path, long)}, for a serving graph (a tagger's words). */
  static Path exportBuiltIn(ModelExport graph, Path base, long seed) {
    ModelSpec spec = graph.spec();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.initialized(tf, seed);
      Models.build(LayerContext.root(reg, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        return Exporter.to(base)
            .graph(graph)
            .valuesFrom(s)
            .source("PythonLoaderInteropTest", null)
            .export()
            .directory();
      }
    }
  }

  /** The user's network: dense → ODE block of MLP units (piecewise_constant:4, 4 steps) → dense. */
  static org.tensorflow.Operand<TFloat32> net(
      LayerContext ctx, org.tensorflow.Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    var h = ctx.apply("in", Dense.of(16), tf.reshape(images, tf.constant(new long[] {-1, 784})));
    var ode = OdeBlock.of(new MlpUnit(16), "piecewise_constant:4", 4);
    h = ctx.apply("ode", ode, tf.nn.relu(h));
    return ctx.apply("out", Dense.of(10), h);
  }

  /** One epoch on 256 embedded training images; the last checkpoint exported. */
  static Path trainUserGraph(Model model, ImageDataset train, Path base) {
    int[] idx = new int[256];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    TrainerConfig config =
        TrainerConfig.builder().epochs(1).batchSize(32).seed(3).refineAt(List.of()).build();
    return model.fit(train.subset(idx, "first 256"), config).last().export(base).directory();
  }

  static CompressionPlan plan(String name) {
    return switch (name) {
      case "pc2" -> CompressionPlan.to("piecewise_constant:2");
      case "n2" -> CompressionPlan.keep().withSteps(2);
      case "rk4" -> CompressionPlan.keep().withScheme("rk4");
      case "tol" -> CompressionPlan.keep().withTolerance(0.5);
      case "fem" -> CompressionPlan.to("fem_linear:3");
      case "pl" -> CompressionPlan.to("piecewise_linear:2").withMethod(Method.INTERPOLATION);
      case "leg" -> CompressionPlan.to("legendre:3");
      case "tmid" -> CompressionPlan.to("piecewise_constant:1").withSteps(2).withScheme("midpoint");
      case "uleg" -> CompressionPlan.to("legendre:2").withMethod(Method.INTERPOLATION);
      default -> throw new IllegalArgumentException("plan: unknown " + name);
    };
  }

  /** Compresses {@code source} into {@code tmp/name}; a user graph needs its {@code model}. */
  static Path compress(Path source, Path tmp, String name, CompressionPlan plan, Model model) {
    Compressor c = Compressor.of(plan);
    if (model != null) {
      c = c.graph(blocks -> model.serving(Discretisation.explicit(blocks)));
    }
    return c.compress(source, tmp.resolve(name)).output();
  }

  // ---- outputs ----

  /** Logits flattened, and classes (argmax over the last axis). */
  record Outputs(float[] logits, long[] classes) {}

  static Outputs javaOutputs(Version v) {
    try (SavedModelBundle b = SavedModelBundle.load(v.dir().toString(), "serve");
        Result r = b.function("serving_default").call(Map.of(v.input(), v.feed()))) {
      TFloat32 logits = (TFloat32) r.get(ModelExport.LOGITS).orElseThrow();
      TInt64 classes = (TInt64) r.get(ModelExport.CLASSES).orElseThrow();
      float[] l = new float[Math.toIntExact(logits.shape().size())];
      logits.copyTo(DataBuffers.of(l, false, false));
      long[] c = new long[Math.toIntExact(classes.shape().size())];
      classes.copyTo(DataBuffers.of(c, false, false));
      return new Outputs(l, c);
    }
  }

  static Outputs pythonOutputs(Path out) throws IOException {
    JsonNode header = JSON.readTree(out.resolve("outputs.json").toFile());
    assertThat(header.path("logits").path("dtype").asText())
        .as(out + " logits")
        .isEqualTo("float32");
    assertThat(header.path("classes").path("dtype").asText())
        .as(out + " classes")
        .isEqualTo("int64");
    ByteBuffer lb =
        ByteBuffer.wrap(Files.readAllBytes(out.resolve("logits.bin")))
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] logits = new float[lb.remaining() / 4];
    lb.asFloatBuffer().get(logits);
    ByteBuffer cb =
        ByteBuffer.wrap(Files.readAllBytes(out.resolve("classes.bin")))
            .order(ByteOrder.LITTLE_ENDIAN);
    long[] classes = new long[cb.remaining() / 8];
    cb.asLongBuffer().get(classes);
    return new Outputs(logits, classes);
  }

  static byte[] littleEndian(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static byte[] littleEndian(int[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    return b.array();
  }

  // ---- processes ----

  record Run(int exit, String output) {}

  /**
   * {@code saved_model_cli show --dir V --all}: the one beside the python (a venv's bin), else
   * {@code python -m tensorflow.python.tools.saved_model_cli}.
   */
  static Run savedModelCli(Path dir) throws Exception {
    return savedModelCli(dir.getParent(), List.of("show", "--dir", dir.toString(), "--all"));
  }

  /** {@code saved_model_cli ARGS}, run in {@code workDir}. */
  static Run savedModelCli(Path workDir, List<String> args) throws Exception {
    Path cli = python.resolveSibling("saved_model_cli");
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(cli)) {
      cmd.add(cli.toString());
    } else {
      cmd.addAll(List.of(python.toString(), "-m", "tensorflow.python.tools.saved_model_cli"));
    }
    cmd.addAll(args);
    return run(workDir, cmd);
  }

  static Run run(Path workDir, List<String> cmd) throws Exception {
    Path log = Files.createTempFile(workDir, "proc", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().put("CUDA_VISIBLE_DEVICES", "");
    Process p = pb.start();
    try {
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        return new Run(-1, "timed out after 180 s: " + String.join(" ", cmd));
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}
