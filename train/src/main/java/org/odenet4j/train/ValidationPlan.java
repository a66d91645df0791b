package org.odenet4j.train;

import java.util.Arrays;
import org.odenet4j.data.Split;

/**
 * Which examples a run trains on, which it validates on (a given dev set, a seeded fraction of the
 * training data, or none) and which probe the refinement check runs.
 *
 * @param split training and validation indices
 * @param validationData the data the validation indices point into
 * @param probeData the data the probe indices point into
 * @param probe at most {@value #PROBE_EXAMPLES} examples for the refinement check (validation
 *     examples when there are any)
 */
record ValidationPlan(
    Split split, TrainingData validationData, TrainingData probeData, int[] probe) {
  static final int PROBE_EXAMPLES = 64;

  static ValidationPlan of(TrainerConfig config, TrainingData data, TrainingData validation) {
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
    boolean validates = split.validationSize() > 0;
    int[] probe =
        Arrays.copyOf(
            validates ? split.validation() : split.train(),
            Math.min(PROBE_EXAMPLES, validates ? split.validationSize() : split.trainSize()));
    return new ValidationPlan(split, valData, validates ? valData : data, probe);
  }

  boolean validates() {
    return split.validationSize() > 0;
  }

  /** The inference head's loss and accuracy on the validation examples (NaN, NaN without). */
  LossAccuracy validate(TrainingSession run, int batchSize) {
    return validates()
        ? run.evaluate(validationData, split.validation(), batchSize)
        : LossAccuracy.NONE;
  }

  private static int[] allIndices(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }
}
