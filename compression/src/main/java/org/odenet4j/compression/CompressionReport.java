package org.odenet4j.compression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * What a compression did, as a table ({@link #toTable()}) and as JSON ({@link #toJson()},
 * snake_case keys). Per block: source and target discretisation, parameters before and after, and
 * the exact relative L2 error of the block's function. Totals: parameters, bytes on disk, {@code
 * variables/} bytes and gzip bytes, and stage evaluations (N × stages, summed over blocks), before
 * and after. With evaluation data, also accuracy and batch latency before and after.
 *
 * <p>The JSON is flat, one key per number, as {@code odenet compress --json} has always printed it:
 * the groups below are unwrapped into the top-level object ({@link JsonUnwrapped}), a {@link
 * Change} as {@code <name>_before} and {@code <name>_after}. Key order: {@code source}, {@code
 * source_sha256}, {@code output}, {@code version}, {@code published}, {@code method}, {@code
 * tolerance} (only with one), {@code blocks}, the totals' pairs, {@code variance_clamps}, {@code
 * recalibration_batches}, the evaluation's keys (only with data), {@code seconds}.
 *
 * @param source the source model
 * @param outcome what was published
 * @param plan the method and tolerance asked for
 * @param blocks per ODE block
 * @param totals sizes and cost of the whole model, before and after
 * @param statistics what happened to the BatchNorm running statistics
 * @param evaluation accuracy and latency on held-out data, or null without data (then its keys are
 *     absent from the JSON)
 * @param seconds wall time of the compression
 */
@JsonPropertyOrder({
  "source",
  "outcome",
  "plan",
  "blocks",
  "totals",
  "statistics",
  "evaluation",
  "seconds"
})
public record CompressionReport(
    @JsonUnwrapped Source source,
    @JsonUnwrapped Outcome outcome,
    @JsonUnwrapped Plan plan,
    List<BlockReport> blocks,
    @JsonUnwrapped Totals totals,
    @JsonUnwrapped Statistics statistics,
    @JsonUnwrapped Evaluation evaluation,
    double seconds) {

  public CompressionReport {
    blocks = List.copyOf(blocks);
  }

  /**
   * The source model.
   *
   * @param directory the source version directory (JSON {@code source})
   * @param sha256 SHA-256 of its {@code variables/} (JSON {@code source_sha256})
   */
  @JsonPropertyOrder({"source", "source_sha256"})
  public record Source(
      @JsonProperty("source") String directory, @JsonProperty("source_sha256") String sha256) {}

  /**
   * What was published.
   *
   * @param output the published version directory, or null if nothing was published
   * @param version its version number, or null
   * @param published false when the accuracy gate refused
   */
  @JsonPropertyOrder({"output", "version", "published"})
  public record Outcome(
      @JsonInclude(JsonInclude.Include.ALWAYS) String output,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long version,
      boolean published) {}

  /**
   * The plan's method and tolerance (each block's resolved target is in {@link BlockReport}).
   *
   * @param method projection or interpolation
   * @param tolerance the relative error tolerance that chose K, or null (then absent from the JSON)
   */
  @JsonPropertyOrder({"method", "tolerance"})
  public record Plan(String method, @JsonInclude(JsonInclude.Include.NON_NULL) Double tolerance) {}

  /**
   * A count before and after the compression; in JSON, {@code <name>_before} and {@code
   * <name>_after} of the enclosing key's name.
   */
  @JsonPropertyOrder({"before", "after"})
  public record Change(long before, long after) {
    /** after / before, or NaN when before is 0. */
    public double ratio() {
      return before == 0 ? Double.NaN : (double) after / before;
    }
  }

  /**
   * Sizes and cost of the whole model.
   *
   * @param parameters trainable parameters of the whole model
   * @param odeParameters parameters inside ODE blocks
   * @param odeBytes bytes of the ODE blocks' variables (parameters and statistics, float32)
   * @param bytes bytes on disk of the whole version directory
   * @param variablesBytes bytes of {@code variables/}
   * @param gzipBytes gzip size of the version directory's files
   * @param stageEvaluations Σ over blocks of N × stages
   */
  @JsonPropertyOrder({
    "parameters",
    "ode_parameters",
    "ode_bytes",
    "bytes",
    "variables_bytes",
    "gzip_bytes",
    "stage_evaluations"
  })
  public record Totals(
      @JsonUnwrapped(prefix = "parameters_") Change parameters,
      @JsonUnwrapped(prefix = "ode_parameters_") Change odeParameters,
      @JsonUnwrapped(prefix = "ode_bytes_") Change odeBytes,
      @JsonUnwrapped(prefix = "bytes_") Change bytes,
      @JsonUnwrapped(prefix = "variables_bytes_") Change variablesBytes,
      @JsonUnwrapped(prefix = "gzip_bytes_") Change gzipBytes,
      @JsonUnwrapped(prefix = "stage_evaluations_") Change stageEvaluations) {}

  /**
   * What happened to the BatchNorm running statistics.
   *
   * @param varianceClamps variances floored at 1e-5 by the projection, over all blocks (see {@link
   *     ProjectedModel.BlockResult}); BatchNorm recalibration re-estimates the statistics
   *     afterwards and is not counted here
   * @param recalibrationBatches batches used to re-estimate BatchNorm statistics (0: off)
   */
  @JsonPropertyOrder({"variance_clamps", "recalibration_batches"})
  public record Statistics(long varianceClamps, int recalibrationBatches) {}

  /**
   * Source and compressed model scored on held-out data.
   *
   * @param examples evaluation examples
   * @param accuracy before and after ({@code accuracy_before}, {@code accuracy_after}, {@code
   *     accuracy_drop_points})
   * @param maxDropPoints the gate, or null (then absent from the JSON)
   * @param latency batch latency before and after ({@code latency_ms_p50_before}, …)
   */
  @JsonPropertyOrder({"examples", "accuracy", "max_drop_points", "latency"})
  public record Evaluation(
      long examples,
      @JsonUnwrapped(prefix = "accuracy_") Accuracy accuracy,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double maxDropPoints,
      @JsonUnwrapped(prefix = "latency_ms_") Latency latency) {}

  /**
   * Accuracy, fractions in [0, 1].
   *
   * @param before of the source
   * @param after of the compressed model
   * @param dropPoints 100·(before − after), percentage points
   */
  @JsonPropertyOrder({"before", "after", "drop_points"})
  public record Accuracy(double before, double after, double dropPoints) {}

  /**
   * Batch latency, ms.
   *
   * @param p50Before median of the source
   * @param p95Before 95th percentile of the source
   * @param p50After median of the compressed model
   * @param p95After 95th percentile of the compressed model
   */
  @JsonPropertyOrder({"p50_before", "p95_before", "p50_after", "p95_after"})
  public record Latency(double p50Before, double p95Before, double p50After, double p95After) {}

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
          spec.basis(),
          spec.parsedBasis().size(),
          spec.steps(),
          spec.scheme(),
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
   * @param parameters its parameter scalars
   * @param state its running-statistic scalars
   * @param bytes bytes of its variables (float32: 4 per scalar; in the checkpoint exactly)
   * @param errors the exact relative L2 errors of its tensors
   * @param varianceClamps variances floored at 1e-5 (see {@link ProjectedModel.BlockResult})
   */
  @JsonPropertyOrder({
    "name",
    "source",
    "target",
    "parameters",
    "state",
    "bytes",
    "errors",
    "variance_clamps"
  })
  public record BlockReport(
      String name,
      Discretisation source,
      Discretisation target,
      @JsonUnwrapped(prefix = "parameters_") Change parameters,
      @JsonUnwrapped(prefix = "state_") Change state,
      @JsonUnwrapped(prefix = "bytes_") Change bytes,
      @JsonUnwrapped Errors errors,
      long varianceClamps) {}

  /**
   * A block's exact relative L2 errors ‖θ_A − θ_B‖ / ‖θ_A‖.
   *
   * @param parameters over all its parameter tensors (JSON {@code relative_error})
   * @param state the same for its running statistics as published, after variance clamping and
   *     before any BatchNorm recalibration (JSON {@code state_relative_error})
   */
  @JsonPropertyOrder({"relative_error", "state_relative_error"})
  public record Errors(
      @JsonProperty("relative_error") double parameters,
      @JsonProperty("state_relative_error") double state) {}

  static final ObjectMapper MAPPER =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** The largest relative L2 error of any block's parameters (0 without blocks). */
  public double worstRelativeError() {
    return blocks.stream().mapToDouble(b -> b.errors().parameters()).max().orElse(0);
  }

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
    return ReportTable.of(this);
  }
}
