package org.odenet4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odenet4j.data.Batches;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.savedmodel.Manifest;

/**
 * The epoch loop: seeded shuffling, one {@link TrainStep} per batch with the rate of the {@link
 * LearningRateSchedule} fed in, optional augmentation, validation after every epoch on a seeded
 * split of the training data (the test data never enters), best-checkpoint keeping, a JSON-lines
 * metrics log and a progress bar.
 *
 * <p><b>Refinement training.</b> Before each epoch listed in {@link TrainerConfig#refineAt()}, the
 * values are captured, every ODE block is split-refined ({@link SplitRefinement}: refined basis,
 * doubled steps, θ(t) unchanged at every depth), the graph is rebuilt through the {@link
 * TrainingGraphFactory} with the registry's {@code OdeBlocks} discretisation set to the new number
 * of splits (every {@code OdeBlock} asks it, so the network's code plays no part), the values are
 * restored and the optimizer slots start from zero. The split is checked: the refined coefficients
 * at the <em>old</em> step count must give the old logits on a probe batch (logged as {@code
 * split_max_abs_diff}); a mismatch above 1e-4 stops the run.
 *
 * <p>The same seed, data and settings give the same loss curve: batch order and augmentation depend
 * only on the seed, and the graph's initial values on the registry seed.
 *
 * <pre>{@code
 * TrainingResult r = new Trainer(TrainerConfig.builder().epochs(8).refineAt(List.of(2, 3, 6, 8)).build())
 *     .train(Model.classifier(network, Shape.of(28, 28, 1)), TrainingData.images(train));
 * r.best().export(base);
 * }</pre>
 */
public final class Trainer {
  /** Largest |Δ logits| accepted between a model and its refinement at the same step count. */
  public static final double SPLIT_TOLERANCE = 1e-4;

  private final TrainerConfig config;

  public Trainer(TrainerConfig config) {
    this.config = config;
  }

  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains a {@link Model} from seeded initial values, validating on a seeded {@link
   * TrainerConfig#validationFraction() fraction} of {@code data}; its checkpoints can {@link
   * Checkpoint#export export} themselves.
   */
  public TrainingResult train(Model model, TrainingData data) {
    return run(model.training(), model, data, null);
  }

  /** {@link #train(Model, TrainingData)} validating on {@code validation} (a dev split). */
  public TrainingResult train(Model model, TrainingData data, TrainingData validation) {
    return run(model.training(), model, data, validation);
  }

  /**
   * Trains from the factory's seeded initial values ({@link TrainerConfig#seed()}), validating on a
   * seeded {@link TrainerConfig#validationFraction() fraction} of {@code data}.
   */
  public TrainingResult train(TrainingGraphFactory factory, TrainingData data) {
    return run(factory, null, data, null);
  }

  /**
   * Trains on all of {@code data} and validates on {@code validation} (a corpus's dev split), or,
   * when {@code validation} is null, on a seeded fraction of {@code data}.
   */
  public TrainingResult train(
      TrainingGraphFactory factory, TrainingData data, TrainingData validation) {
    return run(factory, null, data, validation);
  }

  private TrainingResult run(
      TrainingGraphFactory factory, Model model, TrainingData data, TrainingData validation) {
    ValidationPlan plan = ValidationPlan.of(config, data, validation);
    Batches batches =
        Batches.over(plan.split().train(), config.batchSize(), true, false, config.seed());
    ProgressBar progress = new ProgressBar(config.progress(), config.liveProgress());
    progress.line(
        String.format(
            Locale.ROOT,
            "training on %s: %,d train, %,d validation examples, %d steps/epoch",
            data.source(),
            plan.split().trainSize(),
            plan.split().validationSize(),
            batches.batchesPerEpoch()));
    Manifest.Training provenance =
        new Manifest.Training(
            config.seed(), config.toMap(), List.copyOf(config.refineAt()), data.provenance());
    EpochLoop loop =
        new EpochLoop(
            config,
            data,
            batches,
            config.learningRateSchedule(batches.batchesPerEpoch()),
            progress);
    RefinementStep refinement = new RefinementStep(config, factory, plan.probeData(), plan.probe());
    CheckpointTracker checkpoints = new CheckpointTracker(plan.validates(), provenance, model);
    MetricsLog log = new MetricsLog(config.metricsLog());
    List<EpochMetrics> history = new ArrayList<>();
    int splits = 0;
    log.truncate();
    TrainingSession run = new TrainingSession(factory, RefinementStep.afterSplits(0), config, true);
    try {
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        double splitDiff = Double.NaN;
        if (config.refineAt().contains(epoch)) {
          RefinementStep.Outcome split = refinement.split(run, splits);
          run = split.session();
          splitDiff = split.maxAbsDiff();
          splits++;
          progress.line(
              String.format(
                  Locale.ROOT,
                  "split %d before epoch %d: %s (refined model at the old step count: max |Δ logits| = %.3g)",
                  splits,
                  epoch,
                  describe(run.blocks()),
                  splitDiff));
        }
        EpochLoop.Totals totals = loop.run(run, epoch);
        LossAccuracy val = plan.validate(run, config.evalBatchSize());
        boolean isBest = checkpoints.offer(run, epoch, splits, val);
        EpochMetrics m =
            new EpochMetrics(
                epoch,
                run.blocks(),
                totals.steps(),
                totals.examples(),
                totals.loss(),
                totals.accuracy(),
                val.loss(),
                val.accuracy(),
                totals.learningRate(),
                totals.seconds(),
                splitDiff,
                isBest);
        history.add(m);
        log.append(m);
        progress.line(epochLine(m, isBest));
      }
      return new TrainingResult(
          history, checkpoints.best(), checkpoints.checkpoint(run, config.epochs(), splits));
    } finally {
      run.close();
    }
  }

  private String epochLine(EpochMetrics m, boolean isBest) {
    return String.format(
        Locale.ROOT,
        "epoch %d/%d  %s  train loss %.4f acc %.4f  validation loss %.4f acc %.4f  %.1f s, %.0f ex/s%s",
        m.epoch(),
        config.epochs(),
        describe(m.blocks()),
        m.trainLoss(),
        m.trainAccuracy(),
        m.validationLoss(),
        m.validationAccuracy(),
        m.seconds(),
        m.examplesPerSecond(),
        isBest ? "  (best)" : "");
  }

  static String describe(List<OdeBlockInfo> blocks) {
    return blocks.stream()
        .map(b -> b.spec().basis() + "/" + b.spec().steps() + "/" + b.spec().scheme())
        .distinct()
        .reduce((a, b) -> a + "," + b)
        .orElse("no ODE blocks");
  }
}
