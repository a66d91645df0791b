package org.odenet4j.compression;

import java.util.Locale;

/**
 * The human-readable table of a {@link CompressionReport} ({@code odenet compress} without --json).
 */
final class ReportTable {
  private static final String TOTAL = "%-22s %14s %14s %9s%n";

  private ReportTable() {}

  static String of(CompressionReport r) {
    StringBuilder sb = new StringBuilder();
    header(sb, r);
    blocks(sb, r);
    totals(sb, r.totals());
    if (r.evaluation() != null) {
      evaluation(sb, r.evaluation());
    }
    CompressionReport.Statistics statistics = r.statistics();
    if (statistics.varianceClamps() > 0) {
      sb.append("variances floored at ")
          .append(ProjectedModel.VARIANCE_FLOOR)
          .append(
              " (nodal bases: coefficients clamped; legendre: stage reads with variance <= 0): ")
          .append(statistics.varianceClamps())
          .append('\n');
    }
    if (statistics.recalibrationBatches() > 0) {
      sb.append("BatchNorm statistics re-estimated on ")
          .append(statistics.recalibrationBatches())
          .append(" batches\n");
    }
    sb.append(String.format(Locale.ROOT, "time                   %.2f s%n", r.seconds()));
    return sb.toString();
  }

  private static void header(StringBuilder sb, CompressionReport r) {
    String output = r.outcome().output();
    sb.append("source     ").append(r.source().directory()).append('\n');
    sb.append("output     ").append(output == null ? "(nothing written)" : output).append('\n');
    sb.append("method     ").append(r.plan().method());
    if (r.plan().tolerance() != null) {
      sb.append(", K chosen for relative L2 error <= ").append(r.plan().tolerance());
    }
    sb.append('\n').append('\n');
  }

  private static void blocks(StringBuilder sb, CompressionReport r) {
    int w = Math.max(9, r.blocks().stream().mapToInt(b -> b.name().length()).max().orElse(9));
    String row = "%-" + w + "s  %-34s  %-34s  %10s  %10s  %10s  %7s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            row,
            "ODE block",
            "source",
            "target",
            "params",
            "params",
            "rel. L2",
            "clamps"));
    sb.append(String.format(Locale.ROOT, row, "", "", "", "before", "after", "error", ""));
    for (CompressionReport.BlockReport b : r.blocks()) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              b.name(),
              b.source(),
              b.target(),
              b.parameters().before(),
              b.parameters().after(),
              String.format(Locale.ROOT, "%.3e", b.errors().parameters()),
              b.varianceClamps()));
    }
    sb.append('\n');
  }

  private static void totals(StringBuilder sb, CompressionReport.Totals t) {
    sb.append(String.format(Locale.ROOT, TOTAL, "", "before", "after", "ratio"));
    totalRow(sb, "parameters", t.parameters());
    totalRow(sb, "ODE-block parameters", t.odeParameters());
    totalRow(sb, "ODE-block bytes", t.odeBytes());
    totalRow(sb, "bytes on disk", t.bytes());
    totalRow(sb, "variables/ bytes", t.variablesBytes());
    totalRow(sb, "gzip bytes", t.gzipBytes());
    totalRow(sb, "stage evaluations", t.stageEvaluations());
  }

  private static void evaluation(StringBuilder sb, CompressionReport.Evaluation e) {
    CompressionReport.Accuracy a = e.accuracy();
    CompressionReport.Latency l = e.latency();
    sb.append(
        String.format(
            Locale.ROOT,
            TOTAL,
            "accuracy",
            pct(a.before()),
            pct(a.after()),
            String.format(Locale.ROOT, "%+.2f pt", -a.dropPoints())));
    sb.append(
        String.format(
            Locale.ROOT, TOTAL, "latency p50 (ms)", ms(l.p50Before()), ms(l.p50After()), ""));
    sb.append(
        String.format(
            Locale.ROOT, TOTAL, "latency p95 (ms)", ms(l.p95Before()), ms(l.p95After()), ""));
    sb.append("examples               ").append(e.examples()).append('\n');
  }

  private static void totalRow(StringBuilder sb, String label, CompressionReport.Change c) {
    String ratio = c.before() == 0 ? "" : String.format(Locale.ROOT, "%.4f", c.ratio());
    sb.append(String.format(Locale.ROOT, TOTAL, label, c.before(), c.after(), ratio));
  }

  private static String pct(double d) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * d);
  }

  private static String ms(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
