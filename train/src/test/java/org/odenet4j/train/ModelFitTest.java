package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlocks;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.VariableValues;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The user-model API: a network written once, fitted on arrays with refinement, its checkpoints
 * exported and reloaded, the manifest's training provenance, and the array checks.
 */
class ModelFitTest {
  static final int FEATURES = 4;
  static final int CLASSES = 3;
  static final int N = 180;

  static float[] x;
  static int[] labels;
  static TrainingResult result;

  /** Three classes of noisy 4-feature points: class c is centred on feature c. */
  @BeforeAll
  static void fit() {
    Random r = new Random(7);
    x = new float[N * FEATURES];
    labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % CLASSES;
      for (int f = 0; f < FEATURES; f++) {
        x[i * FEATURES + f] = (float) ((f == labels[i] ? 2 : 0) + 0.3 * r.nextGaussian());
      }
    }
    result =
        model()
            .fit(
                TrainingData.of(x, new long[] {FEATURES}, labels),
                TrainerConfig.builder()
                    .epochs(4)
                    .batchSize(20)
                    .learningRate(0.05)
                    .schedule("constant")
                    .seed(5)
                    .validationFraction(0.2)
                    .refineAt(List.of(3))
                    .build());
  }

  /**
   * Dense → ODE block (K = N = 2, a BatchNorm inside: continuous BN with its training-only clamp
   * counter) → dense. Nothing here knows of refinement.
   */
  static Model model() {
    Layer rate =
        (ctx, h) ->
            ctx.apply(
                "dense", Dense.of(8), ctx.tf().nn.relu(ctx.apply("bn", BatchNorm.standard(), h)));
    Network<TFloat32> net =
        (ctx, in) -> {
          var h = ctx.apply("in", Dense.of(8), in);
          h = ctx.apply("ode", OdeBlock.of(rate, "piecewise_constant:2", 2), h);
          return ctx.apply("out", Dense.of(CLASSES), h);
        };
    return Model.classifier(net, Shape.of(FEATURES));
  }

  @Test
  void fitsArraysAndRefinesTheBlockThroughTheContext() {
    List<String> perEpoch =
        result.history().stream()
            .map(m -> m.blocks().get(0).spec().basis() + "/" + m.blocks().get(0).spec().steps())
            .toList();
    assertThat(perEpoch)
        .containsExactly(
            "piecewise_constant:2/2",
            "piecewise_constant:2/2",
            "piecewise_constant:4/4",
            "piecewise_constant:4/4");
    assertThat(result.history().get(2).splitMaxAbsDiff()).isLessThanOrEqualTo(1e-5);
    assertThat(result.last().splits()).isEqualTo(1);
    assertThat(result.last().blocks().get(0).name()).isEqualTo("ode");
    assertThat(result.last().values().entries().get("ode/dense/kernel").shape())
        .containsExactly(4, 8, 8);
    assertThat(result.history().get(3).validationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void bestAndLastExportAndReloadWithTheInProcessLogits(@TempDir Path dir) throws Exception {
    float[] probe = java.util.Arrays.copyOf(x, 10 * FEATURES);
    for (Checkpoint cp : List.of(result.best(), result.last())) {
      ExportResult r = cp.export(dir.resolve("base"));
      Manifest m = Manifest.read(r.directory());
      assertThat(m.odeBlocks())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.basis()).isEqualTo(cp.blocks().get(0).spec().basis().toString());
                assertThat(b.steps()).isEqualTo(cp.blocks().get(0).spec().steps());
              });
      float[] inProcess = inferInProcess(cp, probe);
      try (SavedModelBundle b = SavedModelBundle.load(r.directory().toString(), "serve");
          TFloat32 in =
              TFloat32.tensorOf(Shape.of(10, FEATURES), DataBuffers.of(probe, true, false));
          Result out = b.function("serving_default").call(Map.of(Model.IMAGES, in))) {
        TFloat32 logits = (TFloat32) out.get("logits").orElseThrow();
        float[] reloaded = new float[(int) logits.shape().size()];
        logits.copyTo(DataBuffers.of(reloaded, false, false));
        assertThat(reloaded).hasSize(10 * CLASSES);
        for (int i = 0; i < reloaded.length; i++) {
          assertThat(reloaded[i])
              .isCloseTo(inProcess[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
      }
    }
    assertThat(Manifest.read(dir.resolve("base/2")).odeBlocks().get(0).basis())
        .isEqualTo("piecewise_constant:4");
  }

  /** Second route: the training graph's inference head, rebuilt at the checkpoint's blocks. */
  static float[] inferInProcess(Checkpoint cp, float[] probe) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf).withoutLoggedWarnings();
      OdeBlocks.of(registry).discretise(cp.discretisation());
      TrainingGraph graph = model().training().build(tf, registry);
      try (Session s = new Session(g);
          TFloat32 in =
              TFloat32.tensorOf(
                  Shape.of(probe.length / FEATURES, FEATURES),
                  DataBuffers.of(probe, true, false))) {
        cp.values().restore(s, registry);
        try (Result out = s.runner().feed(graph.input(), in).fetch(graph.inferLogits()).run()) {
          TFloat32 t = (TFloat32) out.get(0);
          float[] logits = new float[(int) t.shape().size()];
          t.copyTo(DataBuffers.of(logits, false, false));
          return logits;
        }
      }
    }
  }

  @Test
  void exportHoldsNoTrainingOnlyState(@TempDir Path dir) {
    Checkpoint last = result.last();
    assertThat(last.values().entries()).containsKey("ode/variance_clamps");
    ExportResult r = last.export(dir);
    Manifest m = Manifest.read(r.directory());
    List<String> exported = m.variables().stream().map(Manifest.VariableEntry::name).toList();
    assertThat(exported).doesNotContain("ode/variance_clamps");
    assertThat(exported).noneMatch(n -> n.contains("optimizer") || n.contains("slot"));
    // every other value of the checkpoint is exported as trained
    List<String> expected = new ArrayList<>(last.values().entries().keySet());
    expected.remove("ode/variance_clamps");
    assertThat(exported).containsExactlyInAnyOrderElementsOf(expected);
    try (VariableValues v = SavedModelReader.open(r.directory()).readValues()) {
      for (String name : expected) {
        assertThat(v.floats(name)).containsExactly(last.values().entries().get(name).values());
      }
    }
  }

  @Test
  void manifestRecordsTheTrainingProvenance(@TempDir Path dir) throws Exception {
    Manifest.Training t =
        Manifest.read(result.last().export(dir).directory()).provenance().training();
    assertThat(t.seed()).isEqualTo(5);
    assertThat(t.refineAt()).containsExactly(3);
    assertThat(t.trainer())
        .containsEntry("epochs", 4)
        .containsEntry("batch_size", 20)
        .containsEntry("learning_rate", 0.05)
        .containsEntry("schedule", "constant")
        .containsEntry("validation_fraction", 0.2)
        .containsEntry("refine_at", List.of(3));
    assertThat(t.trainer().get("optimizer"))
        .isEqualTo(Map.of("type", "sgd", "momentum", 0.9, "nesterov", true, "weight_decay", 5e-4));
    assertThat(t.data().source()).isEqualTo("arrays: 180 examples of shape [4]");
    assertThat(t.data().files()).isEmpty();
    // independently: each example's 4 floats then its label, little-endian
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    ByteBuffer b = ByteBuffer.allocate(4 * (FEATURES + 1)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < N; i++) {
      b.clear();
      for (int f = 0; f < FEATURES; f++) {
        b.putFloat(x[i * FEATURES + f]);
      }
      b.putInt(labels[i]);
      d.update(b.array());
    }
    assertThat(t.data().sha256()).isEqualTo(HexFormat.of().formatHex(d.digest()));
  }

  @Test
  void batchesAndFilesGiveTheirOwnProvenance(@TempDir Path dir) throws Exception {
    TrainingData arrays = TrainingData.of(x, new long[] {FEATURES}, labels);
    List<TrainingData.Batch> batches = new ArrayList<>();
    for (int from = 0; from < N; from += 50) {
      int to = Math.min(N, from + 50);
      batches.add(
          new TrainingData.Batch(
              java.util.Arrays.copyOfRange(x, from * FEATURES, to * FEATURES),
              java.util.Arrays.copyOfRange(labels, from, to)));
    }
    TrainingData fromBatches = TrainingData.fromBatches(new long[] {FEATURES}, batches);
    assertThat(fromBatches.size()).isEqualTo(N);
    assertThat(fromBatches.provenance().sha256()).isEqualTo(arrays.provenance().sha256());

    Path file = dir.resolve("train.csv");
    Files.writeString(file, "1,2,3\n", StandardCharsets.UTF_8);
    Manifest.TrainingData p = TrainingData.withFiles(arrays, List.of(file)).provenance();
    assertThat(p.sha256()).isNull();
    assertThat(p.files())
        .containsExactly(
            Map.entry(
                file.toString(),
                HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256")
                            .digest("1,2,3\n".getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void badArraysGiveOneLineErrors() {
    assertThatThrownBy(() -> TrainingData.of(new float[7], new long[] {4}, new int[2]))
        .hasMessage("training data x: expected 8 floats (2 labels × [4]), found 7");
    assertThatThrownBy(() -> TrainingData.of(new float[8], new long[] {4, 0}, new int[2]))
        .hasMessage("training data example shape: expected dimensions >= 1, found [4, 0]");
    assertThatThrownBy(() -> TrainingData.of(new float[8], new long[] {4}, new int[] {0, -1}))
        .hasMessage("training data labels[1]: expected a class id >= 0, found -1");
    assertThatThrownBy(
            () ->
                TrainingData.fromBatches(
                    new long[] {2},
                    List.of(
                        new TrainingData.Batch(new float[4], new int[2]),
                        new TrainingData.Batch(new float[5], new int[2]))))
        .hasMessage("training data batch 1 x: expected 4 floats (2 labels × [2]), found 5");
    ImageDataset images = new ImageDataset(new byte[2 * 9], new int[2], 3, 3, 1, 2, "tiny");
    assertThatThrownBy(() -> model().fit(images, TrainerConfig.builder().build()))
        .hasMessage("fit tiny: expected examples of shape [4], found images of shape [3, 3, 1]");
  }

  @Test
  void aTaggerCountsRealTokensOnly() {
    // tokens 1..4, padding 0; tag = token parity; a tiny embedding-free network on token ids
    int length = 5;
    Network<TInt32> net =
        (ctx, tokens) -> {
          Ops tf = ctx.tf();
          var f = tf.expandDims(tf.dtypes.cast(tokens, TFloat32.class), tf.constant(-1));
          var h = ctx.apply("in", Dense.of(4), f);
          return ctx.apply("out", Dense.of(2), tf.nn.relu(h));
        };
    Model tagger = Model.tagger(net, length);
    assertThat(tagger.inputName()).isEqualTo("tokens");
    assertThat(tagger.inputShape().asArray()).containsExactly(-1, length);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      TrainingGraph graph = tagger.training().build(tf, ParameterRegistry.initialized(tf, 1));
      try (Session s = new Session(g);
          TInt32 tokens =
              TInt32.tensorOf(
                  Shape.of(2, length),
                  DataBuffers.of(new int[] {1, 2, 3, 0, 0, 4, 1, 0, 0, 0}, true, false));
          TInt32 tags =
              TInt32.tensorOf(Shape.of(2, length), DataBuffers.of(new int[10], true, false))) {
        s.initialize();
        try (Result out =
            s.runner()
                .feed(graph.input(), tokens)
                .feed(graph.labels(), tags)
                .fetch(graph.infer().count())
                .run()) {
          assertThat(((TFloat32) out.get(0)).getFloat()).isEqualTo(5f); // 3 + 2 real tokens
        }
      }
    }
  }

  @Test
  void aCheckpointOfABareFactoryCannotExportItself(@TempDir Path dir) {
    TrainingResult r =
        new Trainer(TrainerConfig.builder().epochs(1).batchSize(60).validationFraction(0).build())
            .train(model().training(), TrainingData.of(x, new long[] {FEATURES}, labels));
    assertThat(r.last().model()).isNull();
    assertThatThrownBy(() -> r.last().export(dir))
        .hasMessageStartingWith("checkpoint: expected a Model to export");
    VariableSnapshot v = r.last().values();
    assertThat(v.entries()).containsKey("ode/dense/kernel");
  }
}
