package org.odenet4j.train;

import java.util.List;

/**
 * The outcome of a {@link Trainer} run.
 *
 * @param history one entry per epoch, as written to the metrics log
 * @param best the best epoch's checkpoint by validation accuracy (the last epoch without validation
 *     data)
 * @param last the checkpoint after the last epoch
 */
public record TrainingResult(List<EpochMetrics> history, Checkpoint best, Checkpoint last) {

  public TrainingResult {
    history = List.copyOf(history);
  }
}
