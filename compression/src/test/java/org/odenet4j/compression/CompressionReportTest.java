package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.ode.OdeBlockSpec;

class CompressionReportTest {
  static CompressionReport report(Double accuracyBefore, Double accuracyAfter) {
    var src = CompressionReport.Discretisation.of(OdeBlockSpec.of("piecewise_constant:16", 16));
    var dst =
        CompressionReport.Discretisation.of(
            OdeBlockSpec.of("piecewise_constant:8", 16).withScheme("rk4"));
    var block =
        new CompressionReport.BlockReport(
            "stage1/block",
            src,
            dst,
            new CompressionReport.Change(160, 80),
            new CompressionReport.Change(32, 16),
            new CompressionReport.Change(768, 384),
            new CompressionReport.Errors(0.125, 0.25),
            0);
    boolean data = accuracyBefore != null;
    return new CompressionReport(
        new CompressionReport.Source("/m/1", "ab"),
        new CompressionReport.Outcome("/m/2", 2L, true),
        new CompressionReport.Plan("projection", null),
        List.of(block),
        new CompressionReport.Totals(
            new CompressionReport.Change(1000, 920),
            new CompressionReport.Change(160, 80),
            new CompressionReport.Change(768, 384),
            new CompressionReport.Change(5000, 4600),
            new CompressionReport.Change(4000, 3600),
            new CompressionReport.Change(3000, 2800),
            new CompressionReport.Change(16, 64)),
        new CompressionReport.Statistics(0, 0),
        data
            ? new CompressionReport.Evaluation(
                100,
                new CompressionReport.Accuracy(
                    accuracyBefore, accuracyAfter, 100 * (accuracyBefore - accuracyAfter)),
                null,
                new CompressionReport.Latency(1.0, 2.0, 3.0, 4.0))
            : null,
        0.5);
  }

  /** Every optional part set: tolerance, gate, clamps, recalibration; nothing published. */
  static CompressionReport refusedWithEverything() {
    var src = CompressionReport.Discretisation.of(OdeBlockSpec.of("piecewise_linear:6", 4));
    var dst =
        CompressionReport.Discretisation.of(
            OdeBlockSpec.of("piecewise_linear:2", 2).withScheme("midpoint"));
    var block =
        new CompressionReport.BlockReport(
            "b",
            src,
            dst,
            new CompressionReport.Change(60, 20),
            new CompressionReport.Change(12, 4),
            new CompressionReport.Change(288, 96),
            new CompressionReport.Errors(0.0625, 0.5),
            3);
    return new CompressionReport(
        new CompressionReport.Source("/m/3", "cd"),
        new CompressionReport.Outcome(null, null, false),
        new CompressionReport.Plan("interpolation", 0.01),
        List.of(block),
        new CompressionReport.Totals(
            new CompressionReport.Change(2000, 1960),
            new CompressionReport.Change(60, 20),
            new CompressionReport.Change(288, 96),
            new CompressionReport.Change(7000, 6900),
            new CompressionReport.Change(6000, 5900),
            new CompressionReport.Change(5000, 4900),
            new CompressionReport.Change(8, 4)),
        new CompressionReport.Statistics(3, 2),
        new CompressionReport.Evaluation(
            50,
            new CompressionReport.Accuracy(0.5, 0.25, 25.0),
            1.0,
            new CompressionReport.Latency(1.5, 2.5, 3.5, 4.5)),
        1.25);
  }

  /**
   * The JSON of {@code odenet compress --json} is a contract: these are the exact lines the flat
   * 34-field report printed for the same numbers before it was grouped (captured from that code),
   * keys, order and values.
   */
  @Test
  void jsonIsTheFlatReportsJsonByteForByte() {
    assertThat(report(null, null).toJson())
        .isEqualTo(
            "{\"source\":\"/m/1\",\"source_sha256\":\"ab\",\"output\":\"/m/2\",\"version\":2,\"published\":tr"
                + "ue,\"method\":\"projection\",\"blocks\":[{\"name\":\"stage1/block\",\"source\":{\"basis\":\"pie"
                + "cewise_constant:16\",\"k\":16,\"steps\":16,\"scheme\":\"euler\",\"stage_evaluations\":16},\""
                + "target\":{\"basis\":\"piecewise_constant:8\",\"k\":8,\"steps\":16,\"scheme\":\"rk4\",\"stage_e"
                + "valuations\":64},\"parameters_before\":160,\"parameters_after\":80,\"state_before\":32,"
                + "\"state_after\":16,\"bytes_before\":768,\"bytes_after\":384,\"relative_error\":0.125,\"st"
                + "ate_relative_error\":0.25,\"variance_clamps\":0}],\"parameters_before\":1000,\"paramet"
                + "ers_after\":920,\"ode_parameters_before\":160,\"ode_parameters_after\":80,\"ode_bytes_"
                + "before\":768,\"ode_bytes_after\":384,\"bytes_before\":5000,\"bytes_after\":4600,\"variab"
                + "les_bytes_before\":4000,\"variables_bytes_after\":3600,\"gzip_bytes_before\":3000,\"gz"
                + "ip_bytes_after\":2800,\"stage_evaluations_before\":16,\"stage_evaluations_after\":64,"
                + "\"variance_clamps\":0,\"recalibration_batches\":0,\"seconds\":0.5}");
    assertThat(report(0.9, 0.85).toJson())
        .isEqualTo(
            "{\"source\":\"/m/1\",\"source_sha256\":\"ab\",\"output\":\"/m/2\",\"version\":2,\"published\":tr"
                + "ue,\"method\":\"projection\",\"blocks\":[{\"name\":\"stage1/block\",\"source\":{\"basis\":\"pie"
                + "cewise_constant:16\",\"k\":16,\"steps\":16,\"scheme\":\"euler\",\"stage_evaluations\":16},\""
                + "target\":{\"basis\":\"piecewise_constant:8\",\"k\":8,\"steps\":16,\"scheme\":\"rk4\",\"stage_e"
                + "valuations\":64},\"parameters_before\":160,\"parameters_after\":80,\"state_before\":32,"
                + "\"state_after\":16,\"bytes_before\":768,\"bytes_after\":384,\"relative_error\":0.125,\"st"
                + "ate_relative_error\":0.25,\"variance_clamps\":0}],\"parameters_before\":1000,\"paramet"
                + "ers_after\":920,\"ode_parameters_before\":160,\"ode_parameters_after\":80,\"ode_bytes_"
                + "before\":768,\"ode_bytes_after\":384,\"bytes_before\":5000,\"bytes_after\":4600,\"variab"
                + "les_bytes_before\":4000,\"variables_bytes_after\":3600,\"gzip_bytes_before\":3000,\"gz"
                + "ip_bytes_after\":2800,\"stage_evaluations_before\":16,\"stage_evaluations_after\":64,"
                + "\"variance_clamps\":0,\"recalibration_batches\":0,\"examples\":100,\"accuracy_before\":0"
                + ".9,\"accuracy_after\":0.85,\"accuracy_drop_points\":5.000000000000004,\"latency_ms_p5"
                + "0_before\":1.0,\"latency_ms_p95_before\":2.0,\"latency_ms_p50_after\":3.0,\"latency_ms"
                + "_p95_after\":4.0,\"seconds\":0.5}");
    assertThat(refusedWithEverything().toJson())
        .isEqualTo(
            "{\"source\":\"/m/3\",\"source_sha256\":\"cd\",\"output\":null,\"version\":null,\"published\":f"
                + "alse,\"method\":\"interpolation\",\"tolerance\":0.01,\"blocks\":[{\"name\":\"b\",\"source\":{\""
                + "basis\":\"piecewise_linear:6\",\"k\":6,\"steps\":4,\"scheme\":\"euler\",\"stage_evaluations\""
                + ":4},\"target\":{\"basis\":\"piecewise_linear:2\",\"k\":2,\"steps\":2,\"scheme\":\"midpoint\",\""
                + "stage_evaluations\":4},\"parameters_before\":60,\"parameters_after\":20,\"state_before"
                + "\":12,\"state_after\":4,\"bytes_before\":288,\"bytes_after\":96,\"relative_error\":0.0625"
                + ",\"state_relative_error\":0.5,\"variance_clamps\":3}],\"parameters_before\":2000,\"para"
                + "meters_after\":1960,\"ode_parameters_before\":60,\"ode_parameters_after\":20,\"ode_byt"
                + "es_before\":288,\"ode_bytes_after\":96,\"bytes_before\":7000,\"bytes_after\":6900,\"vari"
                + "ables_bytes_before\":6000,\"variables_bytes_after\":5900,\"gzip_bytes_before\":5000,\""
                + "gzip_bytes_after\":4900,\"stage_evaluations_before\":8,\"stage_evaluations_after\":4,"
                + "\"variance_clamps\":3,\"recalibration_batches\":2,\"examples\":50,\"accuracy_before\":0."
                + "5,\"accuracy_after\":0.25,\"accuracy_drop_points\":25.0,\"max_drop_points\":1.0,\"laten"
                + "cy_ms_p50_before\":1.5,\"latency_ms_p95_before\":2.5,\"latency_ms_p50_after\":3.5,\"la"
                + "tency_ms_p95_after\":4.5,\"seconds\":1.25}");
  }

  /** The table is unchanged too (captured from the flat report's code). */
  @Test
  void tableIsTheFlatReportsTable() {
    assertThat(refusedWithEverything().toTable())
        .isEqualTo(
            "source     /m/3\n"
                + "output     (nothing written)\n"
                + "method     interpolation, K chosen for relative L2 error <= 0.01\n"
                + "\n"
                + "ODE block  source                              target                                  params      params     rel. L2   clamps\n"
                + "                                                                                       before       after       error         \n"
                + "b          piecewise_linear:6 N=4 euler        piecewise_linear:2 N=2 midpoint             60          20   6.250e-02        3\n"
                + "\n"
                + "                               before          after     ratio\n"
                + "parameters                       2000           1960    0.9800\n"
                + "ODE-block parameters               60             20    0.3333\n"
                + "ODE-block bytes                   288             96    0.3333\n"
                + "bytes on disk                    7000           6900    0.9857\n"
                + "variables/ bytes                 6000           5900    0.9833\n"
                + "gzip bytes                       5000           4900    0.9800\n"
                + "stage evaluations                   8              4    0.5000\n"
                + "accuracy                      50.00 %        25.00 % -25.00 pt\n"
                + "latency p50 (ms)                 1.50           3.50          \n"
                + "latency p95 (ms)                 2.50           4.50          \n"
                + "examples               50\n"
                + "variances floored at 1.0E-5 (nodal bases: coefficients clamped; legendre: stage reads with variance <= 0): 3\n"
                + "BatchNorm statistics re-estimated on 2 batches\n"
                + "time                   1.25 s\n");
  }

  static List<String> keys(JsonNode n) {
    List<String> k = new ArrayList<>();
    n.fieldNames().forEachRemaining(k::add);
    return k;
  }

  /**
   * The keys are present (parsed by an independent JSON parser); data keys only with data.
   */
  @Test
  void jsonKeys() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report(null, null).toJson());
    assertThat(keys(json))
        .contains(
            "output",
            "blocks",
            "parameters_before",
            "parameters_after",
            "bytes_before",
            "bytes_after",
            "ode_bytes_before",
            "ode_bytes_after",
            "gzip_bytes_before",
            "gzip_bytes_after",
            "stage_evaluations_before",
            "stage_evaluations_after");
    assertThat(keys(json)).doesNotContain("accuracy_before", "accuracy_after", "tolerance");
    assertThat(json.get("blocks").get(0).get("source").get("k").asInt()).isEqualTo(16);
    assertThat(json.get("blocks").get(0).get("target").get("stage_evaluations").asInt())
        .isEqualTo(64);
    JsonNode withData = new ObjectMapper().readTree(report(0.9, 0.85).toJson());
    assertThat(keys(withData))
        .contains(
            "accuracy_before", "accuracy_after", "latency_ms_p50_before", "latency_ms_p95_after");
    assertThat(withData.get("accuracy_drop_points").asDouble())
        .isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    JsonNode refused =
        new ObjectMapper()
            .readTree(new ObjectMapper().writeValueAsString(json).replace("\"/m/2\"", "null"));
    assertThat(refused.get("output").isNull()).isTrue();
  }

  @Test
  void table() {
    String t = report(0.9, 0.85).toTable();
    assertThat(t)
        .contains(
            "stage1/block",
            "piecewise_constant:16 N=16 euler",
            "piecewise_constant:8 N=16 rk4",
            "1.250e-01");
    assertThat(t).containsPattern("parameters\\s+1000\\s+920\\s+0\\.9200");
    assertThat(t).containsPattern("accuracy\\s+90\\.00 %\\s+85\\.00 %\\s+-5\\.00 pt");
    assertThat(report(null, null).toTable()).doesNotContain("accuracy");
  }
}
