package org.odenet4j.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TagSet;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.data.Vocabulary;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.Conv2D;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.odenet4j.train.ClassificationLoss;
import org.odenet4j.train.EpochMetrics;
import org.odenet4j.train.Feed;
import org.odenet4j.train.ModelTraining;
import org.odenet4j.train.OptimizerSpec;
import org.odenet4j.train.Trainer;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.train.TrainingData;
import org.odenet4j.train.TrainingGraph;
import org.odenet4j.train.TrainingGraphFactory;
import org.odenet4j.train.TrainingResult;
import org.odenet4j.units.ConvResidualUnit;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * One case of the shape matrix, end to end, in this JVM: {@code ShapeCaseMain key=value… [out=DIR]}
 * (the words of {@link ShapeCase#args()}) builds the model, runs two training steps of the {@link
 * Trainer} (gradients and real optimizer updates: SGD with momentum for image models and the MLP
 * graph, AdamW for taggers and the conv graph) on seeded random data, exports the trained values
 * with the {@link Exporter} into {@code DIR} (a temporary directory, deleted afterwards, when not
 * given), reloads the version with {@link ModelEvaluator} ({@code SavedModelBundle}), evaluates it
 * on one batch and checks that the reloaded {@code serving_default} logits equal the logits of the
 * same values run in this process (|Δ| ≤ 1e-5·max(1, |logit|)) and that every value is finite.
 * Prints {@code TIMES train=… infer=… export=… reload=… total=… cpu=…} (wall seconds of each phase;
 * the process's CPU seconds) and {@code OK <case>}, and returns normally; any failed check throws
 * (exit 1), and a native crash kills the JVM.
 */
public final class ShapeCaseMain {
  /** Largest accepted |reloaded − in-process| logit difference, relative to max(1, |logit|). */
  public static final double TOLERANCE = 1e-5;

  private static final long SEED = 11;

  private ShapeCaseMain() {}

  public static void main(String[] args) throws Exception {
    List<String> words = new ArrayList<>(List.of(args));
    Path out = null;
    for (var it = words.iterator(); it.hasNext(); ) {
      String w = it.next();
      if (w.startsWith("out=")) {
        out = Path.of(w.substring(4));
        it.remove();
      }
    }
    ShapeCase c = ShapeCase.parse(words.toArray(new String[0]));
    System.out.println("CASE " + c.name());
    System.out.flush();
    if (out != null) {
      run(c, out);
    } else {
      Path tmp = Files.createTempDirectory("odenet-shape-");
      try {
        run(c, tmp);
      } finally {
        deleteTree(tmp);
      }
    }
    System.out.println("OK " + c.name());
    System.out.flush();
  }

  /** Train, export, reload, evaluate and compare; throws on any failed check. */
  static void run(ShapeCase c, Path base) throws Exception {
    long t0 = System.nanoTime();
    Model model = Model.of(c);
    // training: 2·batch examples, no validation split, one epoch of two steps
    TrainingData train = model.data(2 * c.batch(), SEED);
    TrainerConfig config =
        TrainerConfig.builder()
            .epochs(1)
            .batchSize(c.batch())
            .validationFraction(0)
            .seed(SEED)
            .optimizer(
                model.adam
                    ? new OptimizerSpec.AdamW(0.9, 0.98, 1e-9, 0.01)
                    : new OptimizerSpec.SgdMomentum(0.9, true, 5e-4))
            .learningRate(model.adam ? 1e-3 : 0.1)
            .schedule("constant")
            .build();
    TrainingResult result = new Trainer(config).train(model.factory, train);
    long tTrained = System.nanoTime();
    EpochMetrics epoch = result.history().get(0);
    check(epoch.steps() == 2, "training: expected 2 steps, found %d", epoch.steps());
    check(
        Double.isFinite(epoch.trainLoss()),
        "training: expected a finite loss, found %s",
        epoch.trainLoss());
    VariableSnapshot trained = result.last().values();
    for (Map.Entry<String, VariableSnapshot.Entry> e : trained.entries().entrySet()) {
      for (float v : e.getValue().values()) {
        check(
            Float.isFinite(v), "trained value %s: expected finite values, found %s", e.getKey(), v);
      }
    }

    // one batch of held-out examples, the same tensors for the in-process run and the reloaded
    // model
    TrainingData evalData = model.data(c.batch(), SEED + 1);
    int[] idx = new int[c.batch()];
    java.util.Arrays.setAll(idx, i -> i);
    InProcess inProcess;
    float[] reloaded;
    Evaluation evaluation;
    ExportResult export;
    long t1;
    long t2;
    try (Feed feed = evalData.batch(idx, null)) {
      inProcess = inferInProcess(model.inference, trained, feed.input());
      t1 = System.nanoTime();
      export =
          Exporter.to(base)
              .graph(model.inference)
              .values(trained)
              .ignoreExtraValues()
              .source("shape matrix " + c.name(), null)
              .export();
      t2 = System.nanoTime();
      try (ModelEvaluator evaluator = ModelEvaluator.load(export.directory(), true)) {
        SessionFunction f = evaluator.bundle().function(Exporter.SIGNATURE_KEY);
        String inputName = f.signature().inputNames().iterator().next();
        try (Result r = f.call(Map.of(inputName, feed.input()))) {
          reloaded = floats((TFloat32) r.get(ModelExport.LOGITS).orElseThrow());
        }
        evaluation = evaluator.evaluate(model.evaluation(c.batch(), SEED + 1), c.batch());
      }
    }
    long t3 = System.nanoTime();
    int params = inProcess.initial().size();
    int changed = 0;
    for (Map.Entry<String, float[]> e : inProcess.initial().entrySet()) {
      VariableSnapshot.Entry after = trained.entries().get(e.getKey());
      check(
          after != null,
          "trained values: expected parameter %s of the serving graph, found none",
          e.getKey());
      if (!java.util.Arrays.equals(e.getValue(), after.values())) {
        changed++;
      }
    }
    check(
        changed > 0,
        "training: expected the optimizer to update parameters, found all %d unchanged",
        params);
    float[] logits = inProcess.logits();
    check(
        reloaded.length == logits.length && logits.length == c.batch() * model.logitsPerExample,
        "logits: expected %d values in process and reloaded, found %d and %d",
        c.batch() * model.logitsPerExample,
        logits.length,
        reloaded.length);
    double maxDiff = 0;
    for (int i = 0; i < logits.length; i++) {
      check(
          Float.isFinite(logits[i]) && Float.isFinite(reloaded[i]),
          "logit %d: expected finite values, found %s in process and %s reloaded",
          i,
          logits[i],
          reloaded[i]);
      double d = Math.abs(logits[i] - reloaded[i]);
      maxDiff = Math.max(maxDiff, d);
      check(
          d <= TOLERANCE * Math.max(1, Math.abs(logits[i])),
          "logit %d: expected the reloaded value to equal the in-process one within %.0e, found %s and %s",
          i,
          TOLERANCE,
          reloaded[i],
          logits[i]);
    }
    check(
        evaluation.examples() == c.batch() && Double.isFinite(evaluation.loss()),
        "evaluation: expected %d examples and a finite loss, found %d and %s",
        c.batch(),
        evaluation.examples(),
        evaluation.loss());
    System.out.printf(
        Locale.ROOT,
        "RESULT %s: train loss %.4f, %d/%d parameter variables updated, exported %s, reloaded logits max |delta| %.3g, "
            + "eval loss %.4f acc %.3f%n",
        c.name(),
        epoch.trainLoss(),
        changed,
        params,
        export.directory().getFileName(),
        maxDiff,
        evaluation.loss(),
        evaluation.accuracy());
    System.out.printf(
        Locale.ROOT,
        "TIMES train=%.2f infer=%.2f export=%.2f reload=%.2f total=%.2f cpu=%.2f%n",
        (tTrained - t0) / 1e9,
        (t1 - tTrained) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        (t3 - t0) / 1e9,
        processCpuSeconds());
  }

  /**
   * The serving graph run in this process: {@code initial}, the parameters' values before training
   * (initial values depend only on the registry seed and a variable's name and shape, so the
   * serving graph over a registry seeded like the trainer's has the ones training started from),
   * and {@code logits}, its output for the input once the trained values are restored.
   */
  private record InProcess(Map<String, float[]> initial, float[] logits) {}

  private static InProcess inferInProcess(
      InferenceGraph inference, VariableSnapshot trained, Tensor input) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, SEED).withoutLoggedWarnings();
      SignatureOutputs sig = inference.build(tf, registry);
      Operand<?> in = sig.inputs().values().iterator().next();
      try (Session s = new Session(g)) {
        s.initialize();
        Map<String, float[]> initial = new LinkedHashMap<>();
        VariableSnapshot start = VariableSnapshot.capture(s, registry);
        for (ModelVariable v : registry.parameters()) {
          initial.put(v.name(), start.entries().get(v.name()).values());
        }
        trained.restore(s, registry);
        try (Result r =
            s.runner().feed(in, input).fetch(sig.outputs().get(ModelExport.LOGITS)).run()) {
          return new InProcess(initial, floats((TFloat32) r.get(0)));
        }
      }
    }
  }

  /** CPU time of this process so far, all threads (native ones included), or NaN when unknown. */
  private static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long ns = os.getProcessCpuTime();
      return ns < 0 ? Double.NaN : ns / 1e9;
    }
    return Double.NaN;
  }

  private static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A case's training graph, serving graph and seeded data. */
  private static final class Model {
    final ShapeCase c;
    final TrainingGraphFactory factory;
    final InferenceGraph inference;
    final boolean adam;
    final int logitsPerExample;

    private Model(
        ShapeCase c,
        TrainingGraphFactory factory,
        InferenceGraph inference,
        boolean adam,
        int logitsPerExample) {
      this.c = c;
      this.factory = factory;
      this.inference = inference;
      this.adam = adam;
      this.logitsPerExample = logitsPerExample;
    }

    static Model of(ShapeCase c) {
      OdeBlockSpec block = c.block();
      switch (c.kind()) {
        case "image":
          {
            ImageModelSpec spec =
                new ImageModelSpec(
                    c.input(), c.width(), c.classes(), "relu", List.of(block, block, block), 1.0);
            return new Model(c, ModelTraining.of(spec), ModelExport.of(spec), false, c.classes());
          }
        case "tagger":
          {
            ModelSpec spec =
                new TaggerModelSpec(
                    c.vocab(),
                    c.classes(),
                    c.input().get(0),
                    c.width(),
                    c.heads(),
                    2 * c.width(),
                    "elu",
                    block);
            return new Model(
                c,
                ModelTraining.of(spec),
                ModelExport.of(spec),
                true,
                c.classes() * c.input().get(0));
          }
        default:
          {
            UserGraph net = new UserGraph(c);
            return new Model(
                c, net.training(), net.inference(), c.kind().equals("conv"), c.classes());
          }
      }
    }

    /**
     * {@code n} seeded examples: random pixels and labels, or random sentences of 1..maxLength
     * tokens.
     */
    TrainingData data(int n, long seed) {
      return c.kind().equals("tagger")
          ? TrainingData.tagging(sentences(n, seed))
          : TrainingData.images(images(n, seed), ImageAugmentation.none());
    }

    EvaluationData evaluation(int n, long seed) {
      return c.kind().equals("tagger")
          ? new EvaluationData.Sentences(sentences(n, seed))
          : new EvaluationData.Images(images(n, seed));
    }

    private ImageDataset images(int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int size = c.input().get(0) * c.input().get(1) * c.input().get(2);
      byte[] pixels = new byte[n * size];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (byte) r.nextInt(256);
      }
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = r.nextInt(c.classes());
      }
      return new ImageDataset(
          pixels,
          labels,
          c.input().get(0),
          c.input().get(1),
          c.input().get(2),
          c.classes(),
          "random " + seed);
    }

    private TaggingDataset sentences(int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int length = c.input().get(0);
      List<String> words = new ArrayList<>();
      for (int i = 2; i < c.vocab(); i++) {
        words.add("w" + i);
      }
      Vocabulary vocabulary = Vocabulary.buildFromTokens(words, 1, false);
      List<String> tagNames = new ArrayList<>();
      for (int i = 0; i < c.classes(); i++) {
        tagNames.add("T" + i);
      }
      int[] tokens = new int[n * length];
      int[] tags = new int[n * length];
      float[] mask = new float[n * length];
      int[] lengths = new int[n];
      for (int s = 0; s < n; s++) {
        lengths[s] =
            s == 0 ? length : 1 + r.nextInt(length); // one full-length sentence, the others padded
        for (int i = 0; i < lengths[s]; i++) {
          tokens[s * length + i] = 1 + r.nextInt(c.vocab() - 1); // UNK or a word
          tags[s * length + i] = r.nextInt(c.classes());
          mask[s * length + i] = 1f;
        }
      }
      return new TaggingDataset(
          tokens, tags, mask, lengths, length, vocabulary, TagSet.of(tagNames), "random " + seed);
    }
  }

  /**
   * The user graphs: layers of one's own around an {@link OdeBlock}, as in the README's example.
   */
  private record UserGraph(ShapeCase c) {

    Operand<TFloat32> net(LayerContext ctx, Operand<TFloat32> images) {
      Ops tf = ctx.tf();
      int w = c.width();
      if (c.kind().equals("mlp")) {
        long flat = (long) c.input().get(0) * c.input().get(1) * c.input().get(2);
        Operand<TFloat32> h =
            ctx.apply("in", Dense.of(w), tf.reshape(images, tf.constant(new long[] {-1, flat})));
        h =
            ctx.apply(
                "ode", new OdeBlock(new MlpUnit(2 * w, Activation.RELU), c.block()), tf.nn.relu(h));
        return ctx.apply("out", Dense.of(c.classes()), h);
      }
      Operand<TFloat32> h = tf.nn.relu(ctx.apply("stem", Conv2D.of(w, 3, 1), images));
      h = ctx.apply("ode", new OdeBlock(ConvResidualUnit.relu(w), c.block()), h);
      h =
          tf.nn.relu(
              ctx.apply("down", Conv2D.of(2 * w, 1, 2), h)); // 1x1 stride 2, w < 16 input channels
      h = tf.math.mean(h, tf.constant(new int[] {1, 2}), Mean.keepDims(false));
      return ctx.apply("out", Dense.of(c.classes()), h);
    }

    Placeholder<TFloat32> images(Ops tf) {
      return tf.withName("images")
          .placeholder(
              TFloat32.class,
              Placeholder.shape(
                  Shape.of(-1, c.input().get(0), c.input().get(1), c.input().get(2))));
    }

    TrainingGraphFactory training() {
      return (tf, registry) -> { // the ODE block reads its discretisation from the registry
        Placeholder<TFloat32> x = images(tf);
        var labels = ClassificationLoss.labels(tf);
        LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
        LayerContext infer = LayerContext.root(registry, Mode.INFER, "infer");
        Operand<TFloat32> trainLogits = net(train, x);
        Operand<TFloat32> inferLogits = net(infer, x);
        return new TrainingGraph(
            x,
            labels,
            null,
            ClassificationLoss.of(tf, trainLogits, labels, null),
            train.updates(),
            ClassificationLoss.of(tf, inferLogits, labels, null),
            inferLogits);
      };
    }

    InferenceGraph inference() {
      return (tf, registry) -> {
        Placeholder<TFloat32> x = images(tf);
        Operand<TFloat32> logits = net(LayerContext.root(registry, Mode.INFER, "serve"), x);
        return SignatureOutputs.builder()
            .input("images", x)
            .output("logits", tf.withName("logits").identity(logits))
            .build();
      };
    }
  }
}
