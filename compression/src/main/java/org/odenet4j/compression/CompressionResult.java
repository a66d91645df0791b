package org.odenet4j.compression;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Compressor#compress}.
 *
 * @param report the table/JSON report
 * @param traces a few weights' coefficients before and after (for {@link Plots#weights})
 * @param changes each block's resolved change
 */
public record CompressionResult(
    CompressionReport report, List<WeightTrace> traces, List<BlockChange> changes) {

  /** False when the accuracy gate refused to publish (nothing was written). */
  public boolean published() {
    return report.outcome().published();
  }

  /** The new version directory, or null if nothing was published. */
  public Path output() {
    return report.outcome().output() == null ? null : Path.of(report.outcome().output());
  }
}
