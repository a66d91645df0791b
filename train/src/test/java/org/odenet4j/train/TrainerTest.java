package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The epoch loop on a small separable problem (three classes of 8×8 images, each a bright square in
 * its own corner plus noise): it learns (validation accuracy far above the 1/3 of chance), is
 * reproducible (same seed → bit-identical loss curve; another seed → another curve), refines
 * exactly (the refined model at the old step count reproduces the old logits, and
 * piecewise_constant K and N double at the given epochs), keeps the best checkpoint, writes one
 * JSON line per epoch, trains a user's own graph built with raw ops around an {@link OdeBlock}, and
 * fails instead of hanging when the session cannot be initialised.
 */
class TrainerTest {
  static final int SIZE = 8;

  /**
   * n images of 3 classes: class c is a 3×3 bright square at corner c, on uniform noise in [0,
   * 0.4).
   */
  static ImageDataset corners(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[n * SIZE * SIZE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels[i] = c;
      int oy = c == 2 ? SIZE - 3 : 0;
      int ox = c == 1 ? SIZE - 3 : 0;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          boolean on = y >= oy && y < oy + 3 && x >= ox && x < ox + 3;
          int v = on ? 200 + random.nextInt(56) : random.nextInt(100);
          pixels[(i * SIZE + y) * SIZE + x] = (byte) v;
        }
      }
    }
    return new ImageDataset(pixels, labels, SIZE, SIZE, 1, 3, "corners");
  }

  static ImageModelSpec spec(int k) {
    return ImageModelSpec.of(
        SIZE,
        SIZE,
        1,
        2,
        3,
        new OdeBlockSpec("piecewise_constant:" + k, k, "euler", 1.0, CoefficientInit.IDENTICAL));
  }

  static TrainerConfig.Builder config(int epochs) {
    return TrainerConfig.builder()
        .epochs(epochs)
        .batchSize(32)
        .learningRate(0.1)
        .validationFraction(0.25)
        .evalBatchSize(64);
  }

  @Test
  void learnsASeparableProblem() {
    TrainingResult r =
        new Trainer(config(3).seed(1).build())
            .train(
                ModelTraining.of(spec(1)),
                TrainingData.images(corners(240, 3), ImageAugmentation.none()));
    assertThat(r.history()).hasSize(3);
    assertThat(r.history().get(2).validationAccuracy()).isGreaterThan(0.9);
    assertThat(r.history().get(2).trainLoss()).isLessThan(r.history().get(0).trainLoss());
    // every epoch sees the 180 training examples (240 minus a quarter held out) in ceil(180/32)
    // steps
    assertThat(r.history())
        .allSatisfy(
            m -> {
              assertThat(m.examples()).isEqualTo(180);
              assertThat(m.steps()).isEqualTo(6);
            });
  }

  @Test
  void sameSeedSameLossCurveOtherSeedAnotherCurve() {
    TrainingData data = TrainingData.images(corners(150, 4), new ImageAugmentation(1, true));
    double[] a =
        losses(
            new Trainer(config(2).seed(7).augment(true).build())
                .train(ModelTraining.of(spec(2)), data));
    double[] b =
        losses(
            new Trainer(config(2).seed(7).augment(true).build())
                .train(ModelTraining.of(spec(2)), data));
    double[] c =
        losses(
            new Trainer(config(2).seed(8).augment(true).build())
                .train(ModelTraining.of(spec(2)), data));
    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
  }

  private static double[] losses(TrainingResult r) {
    return r.history().stream()
        .flatMapToDouble(m -> java.util.stream.DoubleStream.of(m.trainLoss(), m.validationLoss()))
        .toArray();
  }

  @Test
  void refinementDoublesKAndNAtTheGivenEpochsAndKeepsTheFunction(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("logs/metrics.jsonl");
    StringWriter progress = new StringWriter();
    TrainingResult r =
        new Trainer(
                config(4)
                    .seed(2)
                    .refineAt(List.of(2, 4))
                    .metricsLog(log)
                    .progress(new PrintWriter(progress), false)
                    .build())
            .train(
                ModelTraining.of(spec(1)),
                TrainingData.images(corners(120, 5), ImageAugmentation.none()));
    List<String> bases =
        r.history().stream()
            .map(m -> m.blocks().get(0).spec().basis() + "/" + m.blocks().get(0).spec().steps())
            .toList();
    assertThat(bases)
        .containsExactly(
            "piecewise_constant:1/1",
            "piecewise_constant:2/2",
            "piecewise_constant:2/2",
            "piecewise_constant:4/4");
    assertThat(r.history().get(1).splitMaxAbsDiff()).isLessThanOrEqualTo(1e-5);
    assertThat(r.history().get(3).splitMaxAbsDiff()).isLessThanOrEqualTo(1e-5);
    assertThat(r.history().get(2).splitMaxAbsDiff()).isNaN();
    assertThat(r.last().splits()).isEqualTo(2);
    assertThat(r.last().values().entries().get("stage1/block/conv1/kernel").shape()[0])
        .isEqualTo(4);
    // the best checkpoint is the epoch of highest validation accuracy (first one on ties)
    double bestAcc =
        r.history().stream().mapToDouble(EpochMetrics::validationAccuracy).max().orElseThrow();
    int firstBest =
        r.history().stream()
            .filter(m -> m.validationAccuracy() == bestAcc)
            .findFirst()
            .orElseThrow()
            .epoch();
    assertThat(r.best().epoch()).isEqualTo(firstBest);
    assertThat(r.best().values().entries().get("stage1/block/conv1/kernel").shape()[0])
        .isEqualTo(r.best().blocks().get(0).spec().basis().size());
    // one JSON line per epoch, keys in snake_case
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(4);
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("epoch").asInt()).isEqualTo(2);
    assertThat(second.get("blocks").get(0).get("basis").asText()).isEqualTo("piecewise_constant:2");
    assertThat(
            second.has("validation_accuracy")
                && second.has("examples_per_second")
                && second.has("train_loss"))
        .isTrue();
    assertThat(progress.toString()).contains("split 1 before epoch 2", "epoch 4/4", "ex/s", "ETA");
  }

  @Test
  void trainsAUsersOwnGraph() {
    // raw dense in, an ODE block of MLP units, raw dense out; labels per example
    TrainingGraphFactory factory =
        (tf, registry) -> {
          Placeholder<TFloat32> x =
              tf.withName("x")
                  .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
          var labels = ClassificationLoss.labels(tf);
          OdeBlock block =
              new OdeBlock(
                  new MlpUnit(8, org.odenet4j.layers.Activation.RELU),
                  OdeBlockSpec.of("piecewise_constant:2", 2));
          java.util.function.Function<LayerContext, Operand<TFloat32>> net =
              ctx -> {
                Operand<TFloat32> h =
                    ctx.tf().reshape(x, ctx.tf().constant(new long[] {-1, SIZE * SIZE}));
                h = ctx.apply("in", Dense.of(8), h);
                h = ctx.apply("ode", block, h);
                return ctx.apply("out", Dense.of(3), h);
              };
          LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
          Operand<TFloat32> trainLogits = net.apply(train);
          LayerContext infer = LayerContext.root(registry, Mode.INFER, "infer");
          Operand<TFloat32> inferLogits = net.apply(infer);
          return new TrainingGraph(
              x,
              labels,
              null,
              ClassificationLoss.of(tf, trainLogits, labels, null),
              train.updates(),
              ClassificationLoss.of(tf, inferLogits, labels, null),
              inferLogits);
        };
    TrainingResult r =
        new Trainer(config(4).seed(3).refineAt(List.of(3)).build())
            .train(factory, TrainingData.images(corners(240, 6), ImageAugmentation.none()));
    assertThat(r.history().get(3).validationAccuracy()).isGreaterThan(0.9);
    assertThat(r.last().blocks())
        .singleElement()
        .satisfies(b -> assertThat(b.spec().basis()).hasToString("piecewise_constant:4"));
  }

  /**
   * A session whose initialisation fails is closed before its graph, so the failure surfaces as the
   * exception instead of a hang: TF Java's {@code Graph.close()} waits until every session on the
   * graph is closed, and closing the graph first never returned.
   */
  @Test
  void failedInitializationThrowsInsteadOfHanging() {
    TrainingGraphFactory model = ModelTraining.of(spec(1));
    TrainingGraphFactory poisoned =
        (tf, registry) -> {
          TrainingGraph g = model.build(tf, registry);
          Ops init =
              tf.withInitScope(); // run by Session.initialize(), and fails there: NaN is not finite
          init.debugging.checkNumerics(init.constant(Float.NaN), "poisoned initializer");
          return g;
        };
    TrainingData data = TrainingData.images(corners(60, 9), ImageAugmentation.none());
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> new Trainer(config(1).build()).train(poisoned, data))
                .hasMessageContaining("poisoned initializer"));
  }

  @Test
  void rejectsRefinementBeforeTheFirstEpoch() {
    assertThatThrownBy(() -> config(3).refineAt(List.of(1)).build())
        .hasMessage(
            "refine: expected epochs in 2..3 (a split happens before the given epoch), found 1");
  }
}
