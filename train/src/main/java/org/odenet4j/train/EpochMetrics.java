package org.odenet4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.ode.OdeBlockInfo;

/**
 * One line of the metrics log: what an epoch did and how the model scored on the validation split.
 *
 * @param epoch 1-based epoch
 * @param blocks the ODE blocks' specs during the epoch
 * @param steps optimisation steps in the epoch
 * @param examples training examples seen
 * @param trainLoss mean training loss (training head, batch statistics) over the epoch
 * @param trainAccuracy training accuracy over the epoch
 * @param validationLoss mean validation loss (inference head), NaN without validation data
 * @param validationAccuracy validation accuracy, NaN without validation data
 * @param learningRate rate of the epoch's last step
 * @param seconds wall time of the epoch's training steps (validation excluded)
 * @param splitMaxAbsDiff after a split before this epoch: max |Δ logits| between the model before
 *     the split and the refined model at the old step count on a probe batch, else NaN
 * @param best whether this epoch's values became the best checkpoint
 */
public record EpochMetrics(
    int epoch,
    List<OdeBlockInfo> blocks,
    int steps,
    long examples,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double learningRate,
    double seconds,
    double splitMaxAbsDiff,
    boolean best) {

  public EpochMetrics {
    blocks = List.copyOf(blocks);
  }

  /** Training examples per second. */
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : Double.NaN;
  }

  /** The JSON-lines record (snake_case keys; NaN written as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put(
        "blocks",
        blocks.stream()
            .map(
                b -> {
                  Map<String, Object> bm = new LinkedHashMap<>();
                  bm.put("name", b.name());
                  bm.put("basis", b.spec().basis().toString());
                  bm.put("steps", b.spec().steps());
                  bm.put("scheme", b.spec().scheme().toString());
                  return bm;
                })
            .toList());
    m.put("steps", steps);
    m.put("examples", examples);
    m.put("train_loss", finite(trainLoss));
    m.put("train_accuracy", finite(trainAccuracy));
    m.put("validation_loss", finite(validationLoss));
    m.put("validation_accuracy", finite(validationAccuracy));
    m.put("learning_rate", finite(learningRate));
    m.put("seconds", finite(seconds));
    m.put("examples_per_second", finite(examplesPerSecond()));
    m.put("split_max_abs_diff", finite(splitMaxAbsDiff));
    m.put("best", best);
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
