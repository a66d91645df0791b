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
            "stage1/block", src, dst, 160, 80, 32, 16, 768, 384, 0.125, 0.25, 0);
    boolean data = accuracyBefore != null;
    return new CompressionReport(
        "/m/1",
        "ab",
        "/m/2",
        2L,
        true,
        "projection",
        null,
        List.of(block),
        1000,
        920,
        160,
        80,
        768,
        384,
        5000,
        4600,
        4000,
        3600,
        3000,
        2800,
        16,
        64,
        0,
        0,
        data ? 100L : null,
        accuracyBefore,
        accuracyAfter,
        data ? 100 * (accuracyBefore - accuracyAfter) : null,
        null,
        data ? 1.0 : null,
        data ? 2.0 : null,
        data ? 3.0 : null,
        data ? 4.0 : null,
        0.5);
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
