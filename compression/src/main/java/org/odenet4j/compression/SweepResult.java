package org.odenet4j.compression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's table: the source, then one row per grid point.
 *
 * @param source the source version directory
 * @param sourceRow the source itself as a row (method {@code source}, error 0)
 * @param rows the grid points in method, scheme, N, K order
 * @param seconds wall time
 */
@JsonPropertyOrder({"source", "source_row", "rows", "seconds"})
public record SweepResult(String source, Row sourceRow, List<Row> rows, double seconds) {

  /**
   * One grid point.
   *
   * @param method projection, interpolation (or {@code source})
   * @param scheme the first block's scheme (every block's unless the blocks differ; see {@code
   *     blocks})
   * @param basis the first block's basis, {@code family:K}
   * @param k the first block's K
   * @param steps the first block's N
   * @param parameters trainable parameters of the whole model
   * @param odeParameters parameters inside ODE blocks
   * @param relativeError the largest relative L2 error of any block's parameters
   * @param stageEvaluations Σ over blocks of N × stages
   * @param varianceClamps variances floored at 1e-5 (see {@link ProjectedModel.BlockResult})
   * @param accuracy with a scorer, else null
   * @param latencyMsP50 with a scorer, else null
   * @param latencyMsP95 with a scorer, else null
   * @param output the kept version directory, or null
   * @param blocks every block's discretisation, {@code NAME=F:K/N/S} in build order (the syntax of
   *     {@code odenet compress --block}, so a row can be reproduced)
   */
  @JsonPropertyOrder({
    "method",
    "scheme",
    "basis",
    "k",
    "steps",
    "parameters",
    "ode_parameters",
    "relative_error",
    "stage_evaluations",
    "variance_clamps",
    "accuracy",
    "latency_ms_p50",
    "latency_ms_p95",
    "output",
    "blocks"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(
      String method,
      String scheme,
      String basis,
      int k,
      int steps,
      long parameters,
      long odeParameters,
      double relativeError,
      long stageEvaluations,
      long varianceClamps,
      Double accuracy,
      Double latencyMsP50,
      Double latencyMsP95,
      String output,
      List<String> blocks) {
    public Row {
      blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /**
     * True when the blocks have different targets (then the scheme, basis, K and N columns are the
     * first block's).
     */
    public boolean perBlock() {
      return blocks.stream().map(b -> b.substring(b.indexOf('=') + 1)).distinct().count() > 1;
    }
  }

  /** One line of JSON. */
  public String toJson() {
    try {
      return CompressionReport.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sweep result: cannot serialise", e);
    }
  }

  /** True when rows carry accuracy. */
  public boolean scored() {
    return sourceRow.accuracy() != null;
  }

  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("source  ").append(source).append("\n\n");
    String row = "%-13s %-8s %-22s %4s %4s %12s %12s %11s %8s %10s %10s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            row,
            "method",
            "scheme",
            "basis",
            "K",
            "N",
            "parameters",
            "ODE params",
            "rel. L2 err",
            "stages",
            "accuracy",
            "p50 ms"));
    for (Row r : concat()) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              r.method(),
              r.scheme(),
              r.basis(),
              r.k(),
              r.steps(),
              r.parameters(),
              r.odeParameters(),
              String.format(Locale.ROOT, "%.3e", r.relativeError()),
              r.stageEvaluations(),
              r.accuracy() == null ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * r.accuracy()),
              r.latencyMsP50() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.2f", r.latencyMsP50())));
      if (r.perBlock()) {
        sb.append("              blocks ").append(String.join(", ", r.blocks())).append('\n');
      }
    }
    sb.append(String.format(Locale.ROOT, "%ntime  %.2f s%n", seconds));
    return sb.toString();
  }

  private List<Row> concat() {
    List<Row> all = new java.util.ArrayList<>();
    all.add(sourceRow);
    all.addAll(rows);
    return all;
  }
}
