package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provenance's {@code training} record: optional, round-trips, parsed as strictly as the rest.
 */
class ManifestTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Manifest withTraining(Manifest.Training training) {
    Manifest m = ManifestTest.sample();
    Manifest.Provenance p = m.provenance();
    return new Manifest(
        m.formatVersion(),
        m.modelSpec(),
        m.signature(),
        m.odeBlocks(),
        m.variables(),
        m.variablesFiles(),
        new Manifest.Provenance(
            p.odenet4jVersion(),
            p.tensorflowVersion(),
            p.created(),
            p.variablesSha256(),
            p.source(),
            p.compression(),
            training));
  }

  static Manifest.Training training() {
    return new Manifest.Training(
        42,
        Map.of("epochs", 3, "optimizer", Map.of("type", "sgd", "momentum", 0.9)),
        List.of(3),
        new Manifest.TrainingData("arrays: 2 examples of shape [4]", Map.of(), "ab12"));
  }

  @Test
  void aManifestWithoutTrainingHasNoTrainingKeyAndReads() throws Exception {
    Manifest old = ManifestTest.sample();
    ObjectNode provenance = (ObjectNode) JSON.readTree(old.toJson()).get("provenance");
    assertThat(provenance.has("training")).isFalse();
    assertThat(Manifest.fromJson(old.toJson(), "odenet.json").provenance().training()).isNull();
  }

  @Test
  void trainingRoundTripsUnderProvenance() throws Exception {
    Manifest m = withTraining(training());
    ObjectNode t = (ObjectNode) JSON.readTree(m.toJson()).get("provenance").get("training");
    assertThat(t.get("seed").asLong()).isEqualTo(42);
    assertThat(t.get("refine_at").get(0).asInt()).isEqualTo(3);
    assertThat(t.get("data").get("sha256").asText()).isEqualTo("ab12");
    assertThat(t.get("trainer").get("optimizer").get("type").asText()).isEqualTo("sgd");
    assertThat(Manifest.fromJson(m.toJson(), "odenet.json")).isEqualTo(m);
  }

  @Test
  void anUnknownKeyInTrainingIsRejected() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(withTraining(training()).toJson());
    ((ObjectNode) root.get("provenance").get("training")).put("seeds", 1);
    assertThatThrownBy(() -> Manifest.fromJson(root.toString(), "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("odenet.json: manifest: expected odenet manifest JSON, found:")
        .hasMessageContaining("seeds");
  }
}
