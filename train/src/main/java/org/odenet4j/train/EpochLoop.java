package org.odenet4j.train;

import java.util.Locale;
import java.util.Random;
import org.odenet4j.data.Batches;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The training steps of one epoch after another: seeded batch order, the schedule's rate fed in,
 * seeded augmentation, divergence check, running loss and accuracy on the progress bar. Counts the
 * global step across epochs (and across the sessions refinement rebuilds).
 */
final class EpochLoop {

  /**
   * What an epoch's steps did.
   *
   * @param steps optimisation steps
   * @param examples training examples seen
   * @param loss mean training loss over counted examples
   * @param accuracy training accuracy over counted examples
   * @param learningRate rate of the last step
   * @param seconds wall time of the steps
   */
  record Totals(
      int steps,
      long examples,
      double loss,
      double accuracy,
      double learningRate,
      double seconds) {}

  private final TrainerConfig config;
  private final TrainingData data;
  private final Batches batches;
  private final LearningRateSchedule schedule;
  private final ProgressBar progress;
  private long globalStep;

  EpochLoop(
      TrainerConfig config,
      TrainingData data,
      Batches batches,
      LearningRateSchedule schedule,
      ProgressBar progress) {
    this.config = config;
    this.data = data;
    this.batches = batches;
    this.schedule = schedule;
    this.progress = progress;
  }

  /** Runs the steps of 1-based {@code epoch} in {@code run}. */
  Totals run(TrainingSession run, int epoch) {
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
          TFloat32 stepCount = TFloat32.scalarOf((float) run.nextStep())) {
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
      progress.step(done, lossSum / Math.max(counted, 1), correct / Math.max(counted, 1), examples);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Totals(
        done,
        examples,
        lossSum / Math.max(counted, 1),
        correct / Math.max(counted, 1),
        rate,
        seconds);
  }
}
