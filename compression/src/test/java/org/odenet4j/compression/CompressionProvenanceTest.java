package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Manifest;

/**
 * A compressed version's manifest records its source's whole provenance and the plan, so a chain
 * source → compressed → recompressed can be followed back. The manifests are read here as plain
 * JSON trees (a second route, independent of the {@link Manifest} records that wrote them).
 */
class CompressionProvenanceTest {
  @TempDir static Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();
  static Path source;

  @BeforeAll
  static void exportSource() {
    source = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("src"), 5);
  }

  private static JsonNode manifest(Path dir) throws IOException {
    return JSON.readTree(dir.resolve(Manifest.PATH).toFile());
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("name").asText()));
    return out;
  }

  /** {basis, steps, scheme} of a manifest's ode_blocks entry. */
  private static JsonNode discretisation(JsonNode block) {
    return JSON.createObjectNode()
        .put("basis", block.get("basis").asText())
        .put("steps", block.get("steps").asInt())
        .put("scheme", block.get("scheme").asText());
  }

  @Test
  void recordsTheSourceProvenanceAndThePlanAlongTheChain() throws IOException {
    CompressionPlan plan =
        CompressionPlan.to("piecewise_constant:2")
            .withBlock("stage3/block", BlockTarget.parse("fem_linear:3/2/midpoint"));
    Path first = Compressor.of(plan).compress(source, tmp.resolve("c1")).output();
    JsonNode src = manifest(source);
    JsonNode once = manifest(first);

    // the source was trained/exported, not compressed: no compression object
    assertThat(src.get("provenance").has("compression")).isFalse();
    JsonNode c1 = once.get("provenance").get("compression");
    assertThat(c1.get("source_provenance")).isEqualTo(src.get("provenance"));
    assertThat(c1.get("recalibration_batches").asInt()).isZero();
    // the plan: every source block in build order, from its source discretisation to what was asked
    JsonNode blocks = c1.get("blocks");
    assertThat(names(blocks)).containsExactly("stage1/block", "stage2/block", "stage3/block");
    assertThat(names(blocks)).isEqualTo(names(src.get("ode_blocks")));
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode b = blocks.get(i);
      assertThat(b.get("source")).isEqualTo(discretisation(src.get("ode_blocks").get(i)));
      assertThat(b.get("target")).isEqualTo(discretisation(once.get("ode_blocks").get(i)));
      assertThat(b.get("method").asText()).isEqualTo("projection");
      assertThat(b.has("tolerance")).isFalse();
    }
    String asked = "{\"basis\":\"piecewise_constant:2\",\"steps\":4,\"scheme\":\"euler\"}";
    assertThat(blocks.get(0).get("target")).isEqualTo(JSON.readTree(asked));
    assertThat(blocks.get(1).get("target")).isEqualTo(JSON.readTree(asked));
    assertThat(blocks.get(2).get("target"))
        .isEqualTo(
            JSON.readTree("{\"basis\":\"fem_linear:3\",\"steps\":2,\"scheme\":\"midpoint\"}"));

    // recompress with a tolerance: K chosen per block (1 for r = 1: a projection never errs more)
    Path second =
        Compressor.of(CompressionPlan.to("piecewise_constant:2").withTolerance(1.0))
            .compress(first, tmp.resolve("c2"))
            .output();
    JsonNode twice = manifest(second);
    JsonNode c2 = twice.get("provenance").get("compression");
    assertThat(c2.get("source_provenance")).isEqualTo(once.get("provenance"));
    assertThat(c2.get("source_provenance").get("compression").get("source_provenance"))
        .isEqualTo(src.get("provenance"));
    for (int i = 0; i < c2.get("blocks").size(); i++) {
      JsonNode b = c2.get("blocks").get(i);
      assertThat(b.get("source")).isEqualTo(discretisation(once.get("ode_blocks").get(i)));
      assertThat(b.get("target")).isEqualTo(discretisation(twice.get("ode_blocks").get(i)));
      assertThat(b.get("target").get("basis").asText()).isEqualTo("piecewise_constant:1");
      assertThat(b.get("tolerance").asDouble()).isEqualTo(1.0);
    }

    // the typed reader sees the same chain
    Manifest.Provenance read = Manifest.read(second).provenance();
    assertThat(read.compression().sourceProvenance()).isEqualTo(Manifest.read(first).provenance());
    assertThat(read.compression().sourceProvenance().compression().sourceProvenance())
        .isEqualTo(Manifest.read(source).provenance());
  }
}
