package org.odenet4j.compression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Locale;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * What a compression did, as a table ({@link #toTable()}) and as JSON ({@link #toJson()},
 * snake_case keys). Per block: source and target discretisation, parameters before and after, and
 * the exact relative L2 error of the block's function. Totals: parameters, bytes on disk, {@code
 * variables/} bytes and gzip bytes, and stage evaluations (N × stages, summed over blocks), before
 * and after. With evaluation data, also accuracy and batch latency before and after. The data
 * fields are absent from the JSON without data.
 *
 * @param source the source version directory
 * @param sourceSha256 SHA-256 of the source's {@code variables/}
 * @param output the published version directory, or null if nothing was published
 * @param version its version number, or null
 * @param published false when the accuracy gate refused
 * @param method projection or interpolation
 * @param tolerance the relative error tolerance that chose K, or null
 * @param blocks per ODE block
 * @param parametersBefore trainable parameters of the whole model before
 * @param parametersAfter after
 * @param odeParametersBefore parameters inside ODE blocks before
 * @param odeParametersAfter after
 * @param odeBytesBefore bytes of the ODE blocks' variables (parameters and statistics, float32)
 *     before
 * @param odeBytesAfter after
 * @param bytesBefore bytes on disk of the whole version directory before
 * @param bytesAfter after
 * @param variablesBytesBefore bytes of {@code variables/} before
 * @param variablesBytesAfter after
 * @param gzipBytesBefore gzip size of the version directory's files before
 * @param gzipBytesAfter after
 * @param stageEvaluationsBefore Σ over blocks of N × stages before
 * @param stageEvaluationsAfter after
 * @param varianceClamps variances floored at 1e-5 by the projection, over all blocks (see {@link
 *     ProjectedModel.BlockResult}); BatchNorm recalibration re-estimates the statistics afterwards
 *     and is not counted here
 * @param recalibrationBatches batches used to re-estimate BatchNorm statistics (0: off)
 * @param examples evaluation examples, or null without data
 * @param accuracyBefore accuracy of the source, or null
 * @param accuracyAfter accuracy of the compressed model, or null
 * @param accuracyDropPoints 100·(before − after), percentage points, or null
 * @param maxDropPoints the gate, or null
 * @param latencyMsP50Before median batch latency of the source, ms, or null
 * @param latencyMsP95Before 95th percentile, or null
 * @param latencyMsP50After the compressed model's, or null
 * @param latencyMsP95After the compressed model's, or null
 * @param seconds wall time of the compression
 */
@JsonPropertyOrder({
  "source",
  "source_sha256",
  "output",
  "version",
  "published",
  "method",
  "tolerance",
  "blocks",
  "parameters_before",
  "parameters_after",
  "ode_parameters_before",
  "ode_parameters_after",
  "ode_bytes_before",
  "ode_bytes_after",
  "bytes_before",
  "bytes_after",
  "variables_bytes_before",
  "variables_bytes_after",
  "gzip_bytes_before",
  "gzip_bytes_after",
  "stage_evaluations_before",
  "stage_evaluations_after",
  "variance_clamps",
  "recalibration_batches",
  "examples",
  "accuracy_before",
  "accuracy_after",
  "accuracy_drop_points",
  "max_drop_points",
  "latency_ms_p50_before",
  "latency_ms_p95_before",
  "latency_ms_p50_after",
  "latency_ms_p95_after",
  "seconds"
})
public record CompressionReport(
    String source,
    String sourceSha256,
    @JsonInclude(JsonInclude.Include.ALWAYS) String output,
    @JsonInclude(JsonInclude.Include.ALWAYS) Long version,
    boolean published,
    String method,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double tolerance,
    List<BlockReport> blocks,
    long parametersBefore,
    long parametersAfter,
    long odeParametersBefore,
    long odeParametersAfter,
    long odeBytesBefore,
    long odeBytesAfter,
    long bytesBefore,
    long bytesAfter,
    long variablesBytesBefore,
    long variablesBytesAfter,
    long gzipBytesBefore,
    long gzipBytesAfter,
    long stageEvaluationsBefore,
    long stageEvaluationsAfter,
    long varianceClamps,
    int recalibrationBatches,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long examples,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracyBefore,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracyAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracyDropPoints,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double maxDropPoints,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyMsP50Before,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyMsP95Before,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyMsP50After,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyMsP95After,
    double seconds) {

  /**
   * A block's discretisation.
   *
   * @param basis {@code family:K}
   * @param k K
   * @param steps N
   * @param scheme euler, midpoint, rk4 or rk4_38
   * @param stageEvaluations N × stages
   */
  @JsonPropertyOrder({"basis", "k", "steps", "scheme", "stage_evaluations"})
  public record Discretisation(
      String basis, int k, int steps, String scheme, int stageEvaluations) {
    public static Discretisation of(OdeBlockSpec spec) {
      return new Discretisation(
          spec.basis().toString(),
          spec.basis().size(),
          spec.steps(),
          spec.scheme().toString(),
          spec.stageTimes().evaluations());
    }

    @Override
    public String toString() {
      return basis + " N=" + steps + " " + scheme;
    }
  }

  /**
   * One ODE block.
   *
   * @param name the block's name
   * @param source its discretisation before
   * @param target after
   * @param parametersBefore its parameter scalars before
   * @param parametersAfter after
   * @param stateBefore its running-statistic scalars before
   * @param stateAfter after
   * @param bytesBefore bytes of its variables before (float32: 4 per scalar; in the checkpoint
   *     exactly)
   * @param bytesAfter after
   * @param relativeError ‖θ_A − θ_B‖ / ‖θ_A‖ over all its parameter tensors (exact)
   * @param stateRelativeError the same for its running statistics as published (after variance
   *     clamping, before any BatchNorm recalibration)
   * @param varianceClamps variances floored at 1e-5 (see {@link ProjectedModel.BlockResult})
   */
  @JsonPropertyOrder({
    "name",
    "source",
    "target",
    "parameters_before",
    "parameters_after",
    "state_before",
    "state_after",
    "bytes_before",
    "bytes_after",
    "relative_error",
    "state_relative_error",
    "variance_clamps"
  })
  public record BlockReport(
      String name,
      Discretisation source,
      Discretisation target,
      long parametersBefore,
      long parametersAfter,
      long stateBefore,
      long stateAfter,
      long bytesBefore,
      long bytesAfter,
      double relativeError,
      double stateRelativeError,
      long varianceClamps) {}

  static final ObjectMapper MAPPER =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** One line of JSON. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("compression report: cannot serialise", e);
    }
  }

  /** A human-readable table. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("source     ").append(source).append('\n');
    sb.append("output     ").append(output == null ? "(nothing written)" : output).append('\n');
    sb.append("method     ").append(method);
    if (tolerance != null) {
      sb.append(", K chosen for relative L2 error <= ").append(tolerance);
    }
    sb.append('\n').append('\n');
    int w = Math.max(9, blocks.stream().mapToInt(b -> b.name().length()).max().orElse(9));
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
    for (BlockReport b : blocks) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              b.name(),
              b.source(),
              b.target(),
              b.parametersBefore(),
              b.parametersAfter(),
              String.format(Locale.ROOT, "%.3e", b.relativeError()),
              b.varianceClamps()));
    }
    sb.append('\n');
    String total = "%-22s %14s %14s %9s%n";
    sb.append(String.format(Locale.ROOT, total, "", "before", "after", "ratio"));
    totalRow(sb, total, "parameters", parametersBefore, parametersAfter);
    totalRow(sb, total, "ODE-block parameters", odeParametersBefore, odeParametersAfter);
    totalRow(sb, total, "ODE-block bytes", odeBytesBefore, odeBytesAfter);
    totalRow(sb, total, "bytes on disk", bytesBefore, bytesAfter);
    totalRow(sb, total, "variables/ bytes", variablesBytesBefore, variablesBytesAfter);
    totalRow(sb, total, "gzip bytes", gzipBytesBefore, gzipBytesAfter);
    totalRow(sb, total, "stage evaluations", stageEvaluationsBefore, stageEvaluationsAfter);
    if (accuracyBefore != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              total,
              "accuracy",
              pct(accuracyBefore),
              pct(accuracyAfter),
              String.format(Locale.ROOT, "%+.2f pt", -accuracyDropPoints)));
      sb.append(
          String.format(
              Locale.ROOT,
              total,
              "latency p50 (ms)",
              ms(latencyMsP50Before),
              ms(latencyMsP50After),
              ""));
      sb.append(
          String.format(
              Locale.ROOT,
              total,
              "latency p95 (ms)",
              ms(latencyMsP95Before),
              ms(latencyMsP95After),
              ""));
      sb.append("examples               ").append(examples).append('\n');
    }
    if (varianceClamps > 0) {
      sb.append("variances floored at ")
          .append(ProjectedModel.VARIANCE_FLOOR)
          .append(
              " (nodal bases: coefficients clamped; legendre: stage reads with variance <= 0): ")
          .append(varianceClamps)
          .append('\n');
    }
    if (recalibrationBatches > 0) {
      sb.append("BatchNorm statistics re-estimated on ")
          .append(recalibrationBatches)
          .append(" batches\n");
    }
    sb.append(String.format(Locale.ROOT, "time                   %.2f s%n", seconds));
    return sb.toString();
  }

  private static void totalRow(
      StringBuilder sb, String format, String label, long before, long after) {
    String ratio = before == 0 ? "" : String.format(Locale.ROOT, "%.4f", (double) after / before);
    sb.append(String.format(Locale.ROOT, format, label, before, after, ratio));
  }

  private static String pct(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * d);
  }

  private static String ms(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
  }
}
