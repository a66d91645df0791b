package org.odenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.ode.OdeBlockSpec;

class ModelSpecTest {

  @Test
  void imageSpecRoundTripsExactly() {
    ImageModelSpec spec =
        new ImageModelSpec(
            List.of(28, 28, 1),
            16,
            10,
            "gelu",
            List.of(
                new OdeBlockSpec("fem_linear:5", 8, "rk4", 0.1 + 0.2, CoefficientInit.INDEPENDENT),
                OdeBlockSpec.of("piecewise_constant:4", 4),
                new OdeBlockSpec("legendre:3", 16, "rk4_38", 16, CoefficientInit.IDENTICAL)),
            1.0 / 16);
    String json = spec.toJson();
    ModelSpec back = ModelSpec.fromJson(json);
    assertThat(back).isEqualTo(spec);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(json).contains("\"kind\" : \"image\"").contains("\"basis\" : \"fem_linear:5\"");
    // 0.1 + 0.2 is not 0.3: the exact double survives the round trip
    assertThat(((ImageModelSpec) back).blocks().get(0).epsilon()).isEqualTo(0.1 + 0.2);
  }

  @Test
  void taggerSpecRoundTripsExactly() {
    TaggerModelSpec spec =
        new TaggerModelSpec(
            1000, 14, 40, 32, 2, 64, "elu", OdeBlockSpec.of("piecewise_linear:4", 4));
    assertThat(ModelSpec.fromJson(spec.toJson())).isEqualTo(spec);
  }

  @Test
  void rejectsBadSpecsWithExpectedAndFound() {
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    "{\"kind\":\"image\",\"input\":[28,28],\"width\":16,\"classes\":10,"
                        + "\"activation\":\"relu\",\"blocks\":[],\"stitchEpsilon\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected");
    assertThatThrownBy(() -> OdeBlockSpec.of("piecewise_linear:3", 4))
        .hasMessageContaining("expected an even K >= 2, found K = 3");
    assertThatThrownBy(() -> ModelSpec.fromJson("{\"kind\":\"tagger\",\"bogus\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A key given twice is named as such: a repeated list ("input") failed inside Jackson with
   * "Should never call `set()` on setterless property" (an UnsupportedOperationException), a
   * repeated number silently took the last value. Found by ParserFuzzTest.
   */
  @Test
  void rejectsAKeyGivenTwice() {
    String json = ImageModelSpec.cifar("piecewise_constant:4", 4).toJson();
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    json.replace(
                        "\"stitchEpsilon\" : 1.0",
                        "\"stitchEpsilon\" : 1.0, \"input\" : [ 8, 8, 1 ]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "model spec: expected valid spec JSON, found: Duplicate field 'input'")
        .rootCause()
        .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    json.replace("\"width\" : 16,", "\"width\" : 16, \"width\" : 8,")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "model spec: expected valid spec JSON, found: Duplicate field 'width'");
  }

  /**
   * Jackson quotes the offending string, and a record's own message the offending value: line
   * breaks in either are escaped, the message stays one line. Found by ParserFuzzTest.
   */
  @Test
  void messagesStayOneLine() {
    String tagger =
        new TaggerModelSpec(12, 3, 5, 8, 2, 8, "elu", OdeBlockSpec.of("piecewise_constant:2", 2))
            .toJson();
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    tagger.replace("\"vocabulary\" : 12", "\"vocabulary\" : \"line\\nbreak\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "model spec: expected valid spec JSON, found: Cannot deserialize value of type `int` from String"
                + " \"line\\nbreak\": not a valid `int` value");
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    tagger.replace("\"scheme\" : \"euler\"", "\"scheme\" : \"eu\\r\\nler\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "problem: scheme: expected one of euler, midpoint, rk4, rk4_38, found 'eu\\r\\nler'");
  }

  /**
   * The stitch epsilon must be finite like the blocks' epsilon: 1e309 in the JSON (a double
   * infinity) gave a spec whose stitches scale their residual by infinity.
   */
  @Test
  void stitchEpsilonMustBeFinite() {
    String json = ImageModelSpec.cifar("piecewise_constant:4", 4).toJson();
    assertThatThrownBy(
            () ->
                ModelSpec.fromJson(
                    json.replace("\"stitchEpsilon\" : 1.0", "\"stitchEpsilon\" : 1e309")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "problem: stitch epsilon: expected a finite number > 0, found Infinity");
  }

  /**
   * A null among the image blocks is named (it was "problem: `java.lang.NullPointerException`" from
   * List.copyOf). Found by ParserFuzzTest.
   */
  @Test
  void nullBlockIsNamed() {
    String json = ImageModelSpec.cifar("piecewise_constant:4", 4).toJson();
    String nullFirst =
        json.replaceFirst("\"blocks\" : \\[ \\{", "\"blocks\" : [ null, {")
            .replaceFirst("\\}, \\{[^}]*\\} \\]", "} ]");
    assertThat(nullFirst).contains("[ null, {");
    assertThatThrownBy(() -> ModelSpec.fromJson(nullFirst))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "problem: image model blocks: expected 3 ODE block specs, found [null, "
                + "OdeBlockSpec[basis=piecewise_constant:4, steps=4, scheme=euler, epsilon=1.0, init=IDENTICAL], "
                + "OdeBlockSpec[basis=piecewise_constant:4, steps=4, scheme=euler, epsilon=1.0, init=IDENTICAL]]");
  }
}
