package org.odenet4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.odenet4j.data.Batches;
import org.odenet4j.data.Split;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The epoch loop: seeded shuffling, one {@link TrainStep} per batch with the rate of the {@link
 * LearningRateSchedule} fed in, optional augmentation, validation after every epoch on a seeded
 * split of the training data (the test data never enters), best-checkpoint keeping, a JSON-lines
 * metrics log and a progress bar.
 *
 * <p><b>Refinement training.</b> Before each epoch listed in {@link TrainerConfig#refineAt()}, the
 * values are captured, every ODE block is split-refined ({@link SplitRefinement}: refined basis,
 * doubled steps, θ(t) unchanged at every depth), the graph is rebuilt through the {@link
 * TrainingGraphFactory}, the values are restored and the optimizer slots start from zero. The split
 * is checked: the refined coefficients at the <em>old</em> step count must give the old logits on a
 * probe batch (logged as {@code split_max_abs_diff}); a mismatch above 1e-4 stops the run.
 *
 * <p>The same seed, data and settings give the same loss curve: batch order and augmentation depend
 * only on the seed, and the graph's initial values on the registry seed.
 *
 * <pre>{@code
 * TrainingResult r = new Trainer(TrainerConfig.builder().epochs(8).refineAt(List.of(2, 3, 6, 8)).build())
 *     .train(ModelTraining.of(spec), TrainingData.images(train, ImageAugmentation.none()));
 * }</pre>
 */
public final class Trainer {
  /** Largest |Δ logits| accepted between a model and its refinement at the same step count. */
  public static final double SPLIT_TOLERANCE = 1e-4;

  private static final int PROBE_EXAMPLES = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrainerConfig config;

  public Trainer(TrainerConfig config) {
    this.config = config;
  }

  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains from the factory's seeded initial values ({@link TrainerConfig#seed()}), validating on a
   * seeded {@link TrainerConfig#validationFraction() fraction} of {@code data}.
   */
  public TrainingResult train(TrainingGraphFactory factory, TrainingData data) {
    return train(factory, data, null);
  }

  /**
   * Trains on all of {@code data} and validates on {@code validation} (a corpus's dev split), or,
   * when {@code validation} is null, on a seeded fraction of {@code data}.
   */
  public TrainingResult train(
      TrainingGraphFactory factory, TrainingData data, TrainingData validation) {
    if (data.size() < 1) {
      throw new IllegalArgumentException(
          "training data: expected at least one example, found none");
    }
    Split split;
    if (validation != null) {
      split = new Split(allIndices(data.size()), allIndices(validation.size()));
    } else {
      split =
          config.validationFraction() > 0
              ? Split.validation(data.size(), config.validationFraction(), config.seed())
              : new Split(allIndices(data.size()), new int[0]);
    }
    TrainingData valData = validation != null ? validation : data;
    Batches batches = Batches.over(split.train(), config.batchSize(), true, false, config.seed());
    LearningRateSchedule schedule = config.learningRateSchedule(batches.batchesPerEpoch());
    ProgressBar progress = new ProgressBar(config.progress(), config.liveProgress());
    progress.line(
        String.format(
            Locale.ROOT,
            "training on %s: %,d train, %,d validation examples, %d steps/epoch",
            data.source(),
            split.trainSize(),
            split.validationSize(),
            batches.batchesPerEpoch()));
    TrainingData probeData = split.validationSize() > 0 ? valData : data;
    int[] probe =
        Arrays.copyOf(
            split.validationSize() > 0 ? split.validation() : split.train(),
            Math.min(
                PROBE_EXAMPLES,
                split.validationSize() > 0 ? split.validationSize() : split.trainSize()));

    List<EpochMetrics> history = new ArrayList<>();
    VariableSnapshot best = null;
    int bestEpoch = 0;
    int bestSplits = 0;
    List<OdeBlockInfo> bestBlocks = List.of();
    double bestAccuracy = Double.NEGATIVE_INFINITY;
    int splits = 0;
    long globalStep = 0;
    truncateLog();
    Run run = new Run(factory, TrainingResult.splits(0), true);
    try {
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        double splitDiff = Double.NaN;
        if (config.refineAt().contains(epoch)) {
          VariableSnapshot before = VariableSnapshot.capture(run.session, run.registry);
          List<OdeBlockInfo> oldBlocks = OdeBlocks.of(run.registry).all();
          float[] oldLogits = run.logits(probeData, probe);
          VariableSnapshot refined = SplitRefinement.refine(before, blockMap(oldBlocks));
          splitDiff = checkSplit(factory, splits, refined, probeData, probe, oldLogits);
          run.close();
          splits++;
          run = new Run(factory, TrainingResult.splits(splits), true);
          refined.restore(run.session, run.registry);
          progress.line(
              String.format(
                  Locale.ROOT,
                  "split %d before epoch %d: %s (refined model at the old step count: max |Δ logits| = %.3g)",
                  splits,
                  epoch,
                  describe(OdeBlocks.of(run.registry).all()),
                  splitDiff));
        }
        progress.startEpoch(epoch, config.epochs(), batches.batchesPerEpoch());
        double lossSum = 0;
        double correct = 0;
        double counted = 0;
        long examples = 0;
        int done = 0;
        double rate = 0;
        long started = System.nanoTime();
        for (int[] idx : batches.epoch(epoch - 1)) {
          rate = schedule.at(globalStep);
          Random augmentation =
              config.augment() ? Batches.random(config.seed(), 1_000_003L + globalStep) : null;
          globalStep++;
          try (Feed feed = data.batch(idx, augmentation);
              TFloat32 lr = TFloat32.scalarOf((float) rate);
              TFloat32 stepCount = TFloat32.scalarOf((float) run.localStep())) {
            Session.Runner r =
                run.feed(run.session.runner(), feed)
                    .feed(run.step.learningRate(), lr)
                    .feed(run.step.step(), stepCount)
                    .addTarget(run.step.target())
                    .fetch(run.graph.train().mean())
                    .fetch(run.graph.train().correct())
                    .fetch(run.graph.train().count());
            try (Result res = r.run()) {
              float loss = ((TFloat32) res.get(0)).getFloat();
              float c = ((TFloat32) res.get(1)).getFloat();
              float n = ((TFloat32) res.get(2)).getFloat();
              if (!Float.isFinite(loss)) {
                throw new IllegalStateException(
                    String.format(
                        Locale.ROOT,
                        "training diverged: expected a finite loss, found %s at epoch %d step %d (learning rate %.4g)",
                        loss,
                        epoch,
                        done + 1,
                        rate));
              }
              lossSum += (double) loss * n;
              correct += c;
              counted += n;
            }
          }
          examples += idx.length;
          done++;
          progress.step(
              done, lossSum / Math.max(counted, 1), correct / Math.max(counted, 1), examples);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] val =
            split.validationSize() > 0
                ? run.evaluate(valData, split.validation())
                : new double[] {Double.NaN, Double.NaN};
        boolean isBest = split.validationSize() == 0 || val[1] > bestAccuracy;
        if (isBest) {
          bestAccuracy = split.validationSize() == 0 ? bestAccuracy : val[1];
          best = VariableSnapshot.capture(run.session, run.registry);
          bestEpoch = epoch;
          bestSplits = splits;
          bestBlocks = OdeBlocks.of(run.registry).all();
        }
        EpochMetrics m =
            new EpochMetrics(
                epoch,
                OdeBlocks.of(run.registry).all(),
                done,
                examples,
                lossSum / Math.max(counted, 1),
                correct / Math.max(counted, 1),
                val[0],
                val[1],
                rate,
                seconds,
                splitDiff,
                isBest);
        history.add(m);
        appendLog(m);
        progress.line(
            String.format(
                Locale.ROOT,
                "epoch %d/%d  %s  train loss %.4f acc %.4f  validation loss %.4f acc %.4f  %.1f s, %.0f ex/s%s",
                epoch,
                config.epochs(),
                describe(m.blocks()),
                m.trainLoss(),
                m.trainAccuracy(),
                m.validationLoss(),
                m.validationAccuracy(),
                seconds,
                m.examplesPerSecond(),
                isBest ? "  (best)" : ""));
      }
      VariableSnapshot last = VariableSnapshot.capture(run.session, run.registry);
      return new TrainingResult(
          history,
          best,
          bestEpoch,
          bestSplits,
          bestBlocks,
          last,
          splits,
          OdeBlocks.of(run.registry).all());
    } finally {
      run.close();
    }
  }

  private double checkSplit(
      TrainingGraphFactory factory,
      int splits,
      VariableSnapshot refined,
      TrainingData data,
      int[] probe,
      float[] oldLogits) {
    UnaryOperator<OdeBlockSpec> current = TrainingResult.splits(splits);
    UnaryOperator<OdeBlockSpec> basisOnly = s -> SplitRefinement.refineBasisOnly(current.apply(s));
    try (Run check = new Run(factory, basisOnly, false)) {
      refined.restore(check.session, check.registry);
      float[] logits = check.logits(data, probe);
      double diff = 0;
      for (int i = 0; i < logits.length; i++) {
        diff = Math.max(diff, Math.abs(logits[i] - oldLogits[i]));
      }
      if (!(diff <= SPLIT_TOLERANCE)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "refinement split %d: expected the refined model to compute the same function (max |Δ logits| <= %.0e), found %.3g",
                splits + 1,
                SPLIT_TOLERANCE,
                diff));
      }
      return diff;
    }
  }

  private static Map<String, OdeBlockSpec> blockMap(List<OdeBlockInfo> blocks) {
    Map<String, OdeBlockSpec> m = new LinkedHashMap<>();
    for (OdeBlockInfo b : blocks) {
      m.put(b.name(), b.spec());
    }
    return m;
  }

  static String describe(List<OdeBlockInfo> blocks) {
    return blocks.stream()
        .map(b -> b.spec().basis() + "/" + b.spec().steps() + "/" + b.spec().scheme())
        .distinct()
        .reduce((a, b) -> a + "," + b)
        .orElse("no ODE blocks");
  }

  private void truncateLog() {
    if (config.metricsLog() == null) {
      return;
    }
    try {
      if (config.metricsLog().getParent() != null) {
        Files.createDirectories(config.metricsLog().getParent());
      }
      Files.writeString(config.metricsLog(), "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(config.metricsLog() + ": cannot write the metrics log", e);
    }
  }

  private void appendLog(EpochMetrics m) {
    if (config.metricsLog() == null) {
      return;
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(
            config.metricsLog(), StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      w.write(JSON.writeValueAsString(m.toMap()));
      w.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(config.metricsLog() + ": cannot append to the metrics log", e);
    }
  }

  private static int[] allIndices(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /** One built graph with its session, train step and step counter. */
  private final class Run implements AutoCloseable {
    final Graph tfGraph = new Graph();
    final Session session;
    final ParameterRegistry registry;
    final TrainingGraph graph;
    final TrainStep step;
    private long steps;

    /**
     * With {@code train}: seeded initial values, the train step, optimizer slots at zero. Without:
     * a graph only to be evaluated after {@code VariableSnapshot.restore} — uninitialised
     * variables, no gradients, and its unreached-basis-function warnings kept quiet (the refinement
     * check runs the refined basis at the old step count on purpose).
     */
    Run(TrainingGraphFactory factory, UnaryOperator<OdeBlockSpec> blocks, boolean train) {
      Session opened = null;
      try {
        Ops tf = Ops.create(tfGraph);
        registry =
            train
                ? ParameterRegistry.initialized(tf, config.seed())
                : ParameterRegistry.empty(tf).withoutLoggedWarnings();
        graph = factory.build(tf, registry, blocks);
        step =
            train
                ? TrainStep.build(
                    tfGraph,
                    registry,
                    graph.train().mean(),
                    config.optimizer(),
                    graph.stateUpdates())
                : null;
        opened = new Session(tfGraph);
        if (train) {
          opened.initialize();
        }
      } catch (RuntimeException | Error e) {
        // the session first: Graph.close() waits until every session on the graph is closed
        closeAfterFailure(opened, e);
        throw e;
      }
      session = opened;
    }

    private void closeAfterFailure(Session opened, Throwable failure) {
      if (opened != null) {
        try {
          opened.close();
        } catch (RuntimeException | Error suppressed) {
          failure.addSuppressed(suppressed);
        }
      }
      try {
        tfGraph.close();
      } catch (RuntimeException | Error suppressed) {
        failure.addSuppressed(suppressed);
      }
    }

    long localStep() {
      return ++steps;
    }

    Session.Runner feed(Session.Runner r, Feed feed) {
      r.feed(graph.input(), feed.input()).feed(graph.labels(), feed.labels());
      if (graph.mask() != null) {
        if (feed.mask() == null) {
          throw new IllegalArgumentException(
              "training data: expected a token mask for the graph's mask input, found none");
        }
        r.feed(graph.mask(), feed.mask());
      }
      return r;
    }

    /** Inference-head loss and accuracy over the given examples: {mean loss, accuracy}. */
    double[] evaluate(TrainingData data, int[] indices) {
      double loss = 0;
      double correct = 0;
      double counted = 0;
      for (int from = 0; from < indices.length; from += config.evalBatchSize()) {
        int[] idx =
            Arrays.copyOfRange(
                indices, from, Math.min(indices.length, from + config.evalBatchSize()));
        try (Feed feed = data.batch(idx, null);
            Result res =
                feed(session.runner(), feed)
                    .fetch(graph.infer().sum())
                    .fetch(graph.infer().correct())
                    .fetch(graph.infer().count())
                    .run()) {
          loss += ((TFloat32) res.get(0)).getFloat();
          correct += ((TFloat32) res.get(1)).getFloat();
          counted += ((TFloat32) res.get(2)).getFloat();
        }
      }
      return new double[] {loss / Math.max(counted, 1), correct / Math.max(counted, 1)};
    }

    float[] logits(TrainingData data, int[] indices) {
      try (Feed feed = data.batch(indices, null);
          Result res = feed(session.runner(), feed).fetch(graph.inferLogits()).run()) {
        TFloat32 t = (TFloat32) res.get(0);
        float[] out = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }

    @Override
    public void close() {
      if (session != null) {
        session.close();
      }
      tfGraph.close();
    }
  }
}
