package org.odenet4j.train;

import org.odenet4j.savedmodel.Manifest;

/**
 * Keeps the best checkpoint of a run by validation accuracy (every epoch is "best" without
 * validation data, so the best is then the last) and makes the last one.
 */
final class CheckpointTracker {
  private final boolean validates;
  private final Manifest.Training training;
  private final Model model;
  private Checkpoint best;
  private double bestAccuracy = Double.NEGATIVE_INFINITY;

  CheckpointTracker(boolean validates, Manifest.Training training, Model model) {
    this.validates = validates;
    this.training = training;
    this.model = model;
  }

  /** Takes the session's values as the best if {@code validation} beats the best so far. */
  boolean offer(TrainingSession run, int epoch, int splits, LossAccuracy validation) {
    boolean isBest = !validates || validation.accuracy() > bestAccuracy;
    if (isBest) {
      bestAccuracy = validates ? validation.accuracy() : bestAccuracy;
      best = checkpoint(run, epoch, splits);
    }
    return isBest;
  }

  /** The best checkpoint, or null when no epoch scored (every validation accuracy NaN). */
  Checkpoint best() {
    return best;
  }

  /** The session's values as a checkpoint. */
  Checkpoint checkpoint(TrainingSession run, int epoch, int splits) {
    return new Checkpoint(run.capture(), epoch, splits, run.blocks(), training, model);
  }
}
