package org.odenet4j.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Settings of a {@link Trainer} run. Build with {@link #builder()}; defaults follow the reference's
 * CIFAR recipe (SGD, Nesterov momentum 0.9, lr 0.1 cosine to 0, coupled weight decay 5e-4, batch
 * 128).
 *
 * @param epochs number of epochs
 * @param batchSize examples per training step (the last, smaller batch of an epoch is kept)
 * @param optimizer the update rule
 * @param learningRate base learning rate
 * @param schedule the schedule over the run's steps: {@code cosine}, {@code constant}, {@code
 *     step:E1,E2,…@F} (×F at the start of each listed epoch, 1-based) or {@code rsqrt:W} (linear
 *     warm-up over W steps, then inverse square root; peak rate base/√W; {@code rsqrt:auto} warms
 *     up over one epoch, at most 4,000 steps)
 * @param seed seed of the validation split, the shuffling and the augmentation
 * @param validationFraction fraction of the training data held out for validation (0 = none)
 * @param refineAt 1-based epochs before which every ODE block is split-refined (N doubles; K → 2K,
 *     or 2K − 1 for fem_linear (1 → 2); see {@link org.odenet4j.basis.Refinement})
 * @param augment whether to augment training batches
 * @param evalBatchSize examples per validation batch
 * @param metricsLog JSON-lines file of per-epoch metrics, or null
 * @param progress where the progress bar goes, or null for none
 * @param liveProgress redraw one line ({@code \r}) instead of printing a line every 10 %
 */
public record TrainerConfig(
    int epochs,
    int batchSize,
    OptimizerSpec optimizer,
    double learningRate,
    String schedule,
    long seed,
    double validationFraction,
    SortedSet<Integer> refineAt,
    boolean augment,
    int evalBatchSize,
    Path metricsLog,
    PrintWriter progress,
    boolean liveProgress) {

  public TrainerConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs: expected >= 1, found " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch: expected >= 1, found " + batchSize);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("lr: expected > 0, found " + learningRate);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation: expected a fraction in [0, 1), found " + validationFraction);
    }
    refineAt = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(refineAt));
    for (int e : refineAt) {
      if (e < 2 || e > epochs) {
        throw new IllegalArgumentException(
            "refine: expected epochs in 2.."
                + epochs
                + " (a split happens before the given epoch), found "
                + e);
      }
    }
    if (evalBatchSize < 1) {
      throw new IllegalArgumentException("eval batch: expected >= 1, found " + evalBatchSize);
    }
  }

  /**
   * Every setting that shapes the trained values, snake_case keys, for a trained model's manifest:
   * epochs, batch_size, optimizer (with its type and coefficients), learning_rate, schedule, seed,
   * validation_fraction, refine_at, augment, eval_batch_size. Where the log and the progress bar go
   * is not a setting of the run and is left out.
   */
  public java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", batchSize);
    java.util.Map<String, Object> opt = new java.util.LinkedHashMap<>();
    if (optimizer instanceof OptimizerSpec.SgdMomentum sgd) {
      opt.put("type", "sgd");
      opt.put("momentum", sgd.momentum());
      opt.put("nesterov", sgd.nesterov());
      opt.put("weight_decay", sgd.weightDecay());
    } else if (optimizer instanceof OptimizerSpec.AdamW adam) {
      opt.put("type", "adamw");
      opt.put("beta1", adam.beta1());
      opt.put("beta2", adam.beta2());
      opt.put("epsilon", adam.epsilon());
      opt.put("weight_decay", adam.weightDecay());
    }
    m.put("optimizer", opt);
    m.put("learning_rate", learningRate);
    m.put("schedule", schedule);
    m.put("seed", seed);
    m.put("validation_fraction", validationFraction);
    m.put("refine_at", java.util.List.copyOf(refineAt));
    m.put("augment", augment);
    m.put("eval_batch_size", evalBatchSize);
    return m;
  }

  /** The schedule over a run of {@code stepsPerEpoch · epochs} steps. */
  public LearningRateSchedule learningRateSchedule(int stepsPerEpoch) {
    long total = (long) stepsPerEpoch * epochs;
    String s = schedule.trim();
    if (s.equals("cosine")) {
      return LearningRateSchedule.cosine(learningRate, total);
    }
    if (s.equals("constant")) {
      return LearningRateSchedule.constant(learningRate);
    }
    try {
      if (s.equals("rsqrt:auto")) {
        return LearningRateSchedule.warmupRsqrt(learningRate, Math.min(4000, stepsPerEpoch));
      }
      if (s.startsWith("rsqrt:")) {
        return LearningRateSchedule.warmupRsqrt(learningRate, Long.parseLong(s.substring(6)));
      }
      if (s.startsWith("step:") && s.contains("@")) {
        String[] parts = s.substring(5).split("@");
        String[] epochsAt = parts[0].split(",");
        long[] boundaries = new long[epochsAt.length];
        for (int i = 0; i < epochsAt.length; i++) {
          boundaries[i] = (Integer.parseInt(epochsAt[i].trim()) - 1L) * stepsPerEpoch;
        }
        return LearningRateSchedule.stepDecay(
            learningRate, Double.parseDouble(parts[1]), boundaries);
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "schedule: expected cosine, constant, step:E1,E2,…@FACTOR, rsqrt:WARMUP or rsqrt:auto, found '"
            + schedule
            + "'");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the reference CIFAR recipe as defaults. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize = 128;
    private OptimizerSpec optimizer = new OptimizerSpec.SgdMomentum(0.9, true, 5e-4);
    private double learningRate = 0.1;
    private String schedule = "cosine";
    private long seed = 0;
    private double validationFraction = 0.1;
    private SortedSet<Integer> refineAt = new TreeSet<>();
    private boolean augment;
    private int evalBatchSize = 500;
    private Path metricsLog;
    private PrintWriter progress;
    private boolean liveProgress;

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optimizer(OptimizerSpec v) {
      optimizer = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder schedule(String v) {
      schedule = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    public Builder refineAt(java.util.Collection<Integer> v) {
      refineAt = new TreeSet<>(v);
      return this;
    }

    public Builder augment(boolean v) {
      augment = v;
      return this;
    }

    public Builder evalBatchSize(int v) {
      evalBatchSize = v;
      return this;
    }

    public Builder metricsLog(Path v) {
      metricsLog = v;
      return this;
    }

    public Builder progress(PrintWriter v, boolean live) {
      progress = v;
      liveProgress = live;
      return this;
    }

    public TrainerConfig build() {
      return new TrainerConfig(
          epochs,
          batchSize,
          optimizer,
          learningRate,
          schedule,
          seed,
          validationFraction,
          refineAt,
          augment,
          evalBatchSize,
          metricsLog,
          progress,
          liveProgress);
    }
  }
}
