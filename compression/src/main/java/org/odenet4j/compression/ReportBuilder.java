package org.odenet4j.compression;

import java.nio.file.Path;
import java.util.List;
import org.odenet4j.savedmodel.Manifest;

/** The parts of a {@link CompressionReport}, from what a compression measured. */
final class ReportBuilder {
  /** Bytes per scalar of a block's variables (float32). */
  private static final int FLOAT32_BYTES = 4;

  private ReportBuilder() {}

  static CompressionReport.Source source(SourceModel source) {
    return new CompressionReport.Source(source.directory().toString(), source.sha256());
  }

  /** {@code published}: the version directory, or null when the gate refused. */
  static CompressionReport.Outcome outcome(Path published, Long version) {
    return new CompressionReport.Outcome(
        published == null ? null : published.toString(), version, published != null);
  }

  static List<CompressionReport.BlockReport> blocks(ProjectedModel projected) {
    return projected.blocks().stream().map(ReportBuilder::block).toList();
  }

  private static CompressionReport.BlockReport block(ProjectedModel.BlockResult b) {
    BlockChange c = b.change();
    return new CompressionReport.BlockReport(
        c.name(),
        CompressionReport.Discretisation.of(c.source()),
        CompressionReport.Discretisation.of(c.target()),
        new CompressionReport.Change(b.parametersBefore(), b.parametersAfter()),
        new CompressionReport.Change(b.stateBefore(), b.stateAfter()),
        new CompressionReport.Change(
            FLOAT32_BYTES * (b.parametersBefore() + b.stateBefore()),
            FLOAT32_BYTES * (b.parametersAfter() + b.stateAfter())),
        new CompressionReport.Errors(b.parameterError().relative(), b.stateError().relative()),
        b.varianceClamps());
  }

  /** Whole-model totals: parameters from the manifests, ODE-block sums, sizes on disk. */
  static CompressionReport.Totals totals(
      Manifest before,
      Manifest after,
      List<CompressionReport.BlockReport> blocks,
      DiskUsage usageBefore,
      DiskUsage usageAfter) {
    return new CompressionReport.Totals(
        new CompressionReport.Change(before.trainableParameters(), after.trainableParameters()),
        new CompressionReport.Change(
            blocks.stream().mapToLong(b -> b.parameters().before()).sum(),
            blocks.stream().mapToLong(b -> b.parameters().after()).sum()),
        new CompressionReport.Change(
            blocks.stream().mapToLong(b -> b.bytes().before()).sum(),
            blocks.stream().mapToLong(b -> b.bytes().after()).sum()),
        new CompressionReport.Change(usageBefore.bytes(), usageAfter.bytes()),
        new CompressionReport.Change(usageBefore.variablesBytes(), usageAfter.variablesBytes()),
        new CompressionReport.Change(usageBefore.gzipBytes(), usageAfter.gzipBytes()),
        new CompressionReport.Change(
            blocks.stream().mapToLong(b -> b.source().stageEvaluations()).sum(),
            blocks.stream().mapToLong(b -> b.target().stageEvaluations()).sum()));
  }

  static CompressionReport.Statistics statistics(
      List<CompressionReport.BlockReport> blocks, int recalibrated) {
    return new CompressionReport.Statistics(
        blocks.stream().mapToLong(CompressionReport.BlockReport::varianceClamps).sum(),
        recalibrated);
  }

  /** Source and result scored, or null without a scorer; {@code maxDropPoints} null: no gate. */
  static CompressionReport.Evaluation evaluation(
      ModelScorer.Score before, ModelScorer.Score after, Double maxDropPoints) {
    if (before == null) {
      return null;
    }
    return new CompressionReport.Evaluation(
        after.examples(),
        new CompressionReport.Accuracy(
            before.accuracy(), after.accuracy(), dropPoints(before, after)),
        maxDropPoints,
        new CompressionReport.Latency(
            before.latencyMsP50(),
            before.latencyMsP95(),
            after.latencyMsP50(),
            after.latencyMsP95()));
  }

  /** 100·(before − after), percentage points. */
  static double dropPoints(ModelScorer.Score before, ModelScorer.Score after) {
    return 100.0 * (before.accuracy() - after.accuracy());
  }
}
