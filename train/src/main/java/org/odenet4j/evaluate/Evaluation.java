package org.odenet4j.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a SavedModel scored on labelled data ({@link ModelEvaluator}).
 *
 * @param examples images or sentences evaluated
 * @param counted predictions counted: images, or real tokens (padding excluded)
 * @param correct counted predictions equal to the label
 * @param accuracy {@code correct / counted}
 * @param loss mean softmax cross-entropy over counted predictions (computed in double from the
 *     logits)
 * @param latencyMsP50 median wall time of one batch through {@code serving_default}, in ms
 * @param latencyMsP95 95th percentile of the same
 * @param batchSize examples per batch
 */
public record Evaluation(
    long examples,
    long counted,
    long correct,
    double accuracy,
    double loss,
    double latencyMsP50,
    double latencyMsP95,
    int batchSize) {

  /** The JSON document of {@code odenet eval --json} (snake_case keys). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("loss", loss);
    m.put("examples", examples);
    m.put("counted", counted);
    m.put("correct", correct);
    m.put("latency_ms_p50", latencyMsP50);
    m.put("latency_ms_p95", latencyMsP95);
    m.put("batch_size", batchSize);
    return m;
  }
}
