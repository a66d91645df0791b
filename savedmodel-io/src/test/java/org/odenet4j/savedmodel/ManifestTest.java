package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code assets.extra/odenet.json} on its own (no graph, no TensorFlow). */
class ManifestTest {

  /** A manifest as the Exporter writes it for one ODE block, without model spec. */
  static Manifest sample() {
    List<Manifest.BlockVariable> blockVariables = List.of(
        new Manifest.BlockVariable("b/unit/kernel", List.of(2L, 3L, 4L), Manifest.PARAMETER),
        new Manifest.BlockVariable("b/unit/moving_mean", List.of(2L, 4L), Manifest.STATE));
    return new Manifest(
        Manifest.FORMAT_VERSION,
        null,
        new Manifest.SignatureEntry("serving_default", "tensorflow/serving/predict", List.of("serve"),
            Map.of("images", new Manifest.TensorEntry("float32", List.of(-1L, 4L), "serve/images:0")),
            Map.of("logits", new Manifest.TensorEntry("float32", List.of(-1L, 3L), "serve/logits:0"))),
        List.of(new Manifest.BlockEntry("b", "piecewise_constant:2", 2, 2, "euler", 1.0, blockVariables)),
        List.of(
            new Manifest.VariableEntry("b/unit/kernel", List.of(2L, 3L, 4L), "float32", Manifest.PARAMETER, "b"),
            new Manifest.VariableEntry("b/unit/moving_mean", List.of(2L, 4L), "float32", Manifest.STATE, "b"),
            new Manifest.VariableEntry("head/kernel", List.of(4L, 3L), "float32", Manifest.PARAMETER, null)),
        Map.of("variables.index", 10L),
        new Manifest.Provenance("0.1.0", "2.18.0", "2026-01-01T00:00:00Z", null, Manifest.Source.of("test")));
  }

  @Test
  void roundTrips() {
    Manifest m = sample();
    assertThat(Manifest.fromJson(m.toJson(), "odenet.json")).isEqualTo(m);
    assertThat(m.trainableParameters()).isEqualTo(2 * 3 * 4 + 4 * 3);
  }

  /**
   * A key given twice is named as such: a repeated list ("shape") failed inside Jackson with
   * "Should never call `set()` on setterless property" (an UnsupportedOperationException). Found
   * by ParserFuzzTest.
   */
  @Test
  void rejectsAKeyGivenTwice() {
    String json = sample().toJson().replaceFirst("\"kind\" : \"parameter\"", "\"kind\" : \"parameter\", \"shape\" : [ 1 ]");
    assertThatThrownBy(() -> Manifest.fromJson(json, "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("odenet.json: manifest: expected odenet manifest JSON, found: Duplicate field 'shape'")
        .rootCause().isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
  }
}
