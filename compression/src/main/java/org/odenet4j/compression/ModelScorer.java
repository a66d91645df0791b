package org.odenet4j.compression;

import java.nio.file.Path;

/**
 * Measures a SavedModel on held-out data: accuracy and latency. The compressor calls it on the
 * source and on the staged compressed model before publishing (a {@code max drop} gate needs it).
 * The CLI adapts {@code odenet eval}'s evaluator; tests can pass any function.
 */
@FunctionalInterface
public interface ModelScorer {

  /** Scores the SavedModel version directory {@code dir}. */
  Score score(Path dir);

  /**
   * One measurement.
   *
   * @param examples examples (or tokens) counted
   * @param accuracy fraction correct, in [0, 1]
   * @param latencyMsP50 median batch latency, milliseconds
   * @param latencyMsP95 95th-percentile batch latency, milliseconds
   */
  record Score(long examples, double accuracy, double latencyMsP50, double latencyMsP95) {}
}
