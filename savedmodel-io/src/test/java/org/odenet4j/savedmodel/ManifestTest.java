package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing {@code assets.extra/odenet.json} on its own (no graph, no TensorFlow). */
class ManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A manifest as the Exporter writes it for one ODE block, without model spec. */
  static Manifest sample() {
    List<Manifest.BlockVariable> blockVariables =
        List.of(
            new Manifest.BlockVariable("b/unit/kernel", List.of(2L, 3L, 4L), Manifest.PARAMETER),
            new Manifest.BlockVariable("b/unit/moving_mean", List.of(2L, 4L), Manifest.STATE));
    return new Manifest(
        Manifest.FORMAT_VERSION,
        null,
        new Manifest.SignatureEntry(
            "serving_default",
            "tensorflow/serving/predict",
            List.of("serve"),
            Map.of(
                "images", new Manifest.TensorEntry("float32", List.of(-1L, 4L), "serve/images:0")),
            Map.of(
                "logits", new Manifest.TensorEntry("float32", List.of(-1L, 3L), "serve/logits:0"))),
        List.of(
            new Manifest.BlockEntry(
                "b", "piecewise_constant:2", 2, 2, "euler", 1.0, blockVariables)),
        List.of(
            new Manifest.VariableEntry(
                "b/unit/kernel", List.of(2L, 3L, 4L), "float32", Manifest.PARAMETER, "b"),
            new Manifest.VariableEntry(
                "b/unit/moving_mean", List.of(2L, 4L), "float32", Manifest.STATE, "b"),
            new Manifest.VariableEntry(
                "head/kernel", List.of(4L, 3L), "float32", Manifest.PARAMETER, null)),
        Map.of("variables.index", 10L),
        new Manifest.Provenance(
            "0.1.0", "2.18.0", "2026-01-01T00:00:00Z", null, Manifest.Source.of("test")));
  }

  @Test
  void roundTrips() {
    Manifest m = sample();
    assertThat(Manifest.fromJson(m.toJson(), "odenet.json")).isEqualTo(m);
    assertThat(m.trainableParameters()).isEqualTo(2 * 3 * 4 + 4 * 3);
  }

  /** {@link #sample()} as a compressed version of a compressed version: a two-link chain. */
  static Manifest compressedTwice() {
    Manifest trained = sample();
    CompressionProvenance.Discretisation k4 =
        new CompressionProvenance.Discretisation("piecewise_constant:4", 2, "euler");
    CompressionProvenance.Discretisation k2 =
        new CompressionProvenance.Discretisation("piecewise_constant:2", 2, "euler");
    CompressionProvenance.Discretisation k1 =
        new CompressionProvenance.Discretisation("piecewise_constant:1", 1, "rk4");
    Manifest.Provenance first =
        new Manifest.Provenance(
            "0.1.0",
            "2.18.0",
            "2026-01-02T00:00:00Z",
            "aa",
            new Manifest.Source("compressed by projection from /m/1: b …", "00"),
            new CompressionProvenance(
                trained.provenance(),
                List.of(new CompressionProvenance.Block("b", k4, k2, "projection", null)),
                0));
    Manifest.Provenance second =
        new Manifest.Provenance(
            "0.1.0",
            "2.18.0",
            "2026-01-03T00:00:00Z",
            "bb",
            new Manifest.Source("compressed by interpolation from /m/2: b …", "aa"),
            new CompressionProvenance(
                first,
                List.of(new CompressionProvenance.Block("b", k2, k1, "interpolation", 0.25)),
                3));
    return new Manifest(
        trained.formatVersion(),
        trained.modelSpec(),
        trained.signature(),
        trained.odeBlocks(),
        trained.variables(),
        trained.variablesFiles(),
        second);
  }

  /**
   * Without a compression object the JSON has no "compression" key (manifests written before it
   * existed read and write the same); with one, it round-trips, the chain included.
   */
  @Test
  void compressionProvenanceIsOptionalAndRoundTrips() throws JsonProcessingException {
    ObjectNode plain = (ObjectNode) JSON.readTree(sample().toJson());
    assertThat(plain.get("provenance").has("compression")).isFalse();
    assertThat(sample().provenance().compression()).isNull();

    Manifest m = compressedTwice();
    Manifest back = Manifest.fromJson(m.toJson(), "odenet.json");
    assertThat(back).isEqualTo(m);
    ObjectNode json = (ObjectNode) JSON.readTree(m.toJson());
    ObjectNode compression = (ObjectNode) json.get("provenance").get("compression");
    assertThat(compression.get("blocks").get(0).get("target").get("scheme").asText())
        .isEqualTo("rk4");
    assertThat(compression.get("blocks").get(0).get("tolerance").asDouble()).isEqualTo(0.25);
    assertThat(compression.get("recalibration_batches").asInt()).isEqualTo(3);
    JsonNode link = compression.get("source_provenance").get("compression");
    assertThat(link.get("blocks").get(0).has("tolerance")).isFalse();
    // the oldest link is the trained model's provenance, exactly as its own manifest has it
    assertThat(link.get("source_provenance")).isEqualTo(plain.get("provenance"));
    assertThat(back.provenance().compression().sourceProvenance().compression().sourceProvenance())
        .isEqualTo(sample().provenance());
  }

  /** The strict parser's rules hold inside the compression object too. */
  @Test
  void compressionObjectIsParsedStrictly() throws JsonProcessingException {
    ObjectNode m = (ObjectNode) JSON.readTree(compressedTwice().toJson());
    ((ObjectNode) m.get("provenance").get("compression").get("blocks").get(0)).put("k", 2);
    assertThatThrownBy(() -> Manifest.fromJson(m.toString(), "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "odenet.json: manifest: expected odenet manifest JSON, found: Unrecognized field \"k\"");
  }

  /**
   * Entries without the fields the readers use are rejected when parsed: a block without name (it
   * was a NullPointerException in SavedModels.checkBlocks, i.e. in validate, inspect and compress),
   * a variable without shape (a NullPointerException in trainableParameters), a null entry (a
   * NullPointerException in both). Found by ParserFuzzTest.
   */
  @Test
  void rejectsEntriesWithoutTheFieldsReadersUse() {
    assertRejected(
        m -> block(m).putNull("name"),
        "ode_blocks[0]: expected an ODE block with name and variables, found no name");
    assertRejected(
        m -> block(m).putNull("variables"),
        "ode_blocks[0]: expected an ODE block with name and variables, found no variables");
    assertRejected(
        m -> ((ArrayNode) m.get("ode_blocks")).insertNull(0),
        "ode_blocks[0]: expected an ODE block with name and variables, found null");
    assertRejected(
        m -> ((ArrayNode) block(m).get("variables")).insertNull(0),
        "ode_blocks[b].variables[0]: expected a variable with a name, found null");
    assertRejected(
        m -> ((ObjectNode) block(m).get("variables").get(1)).remove("name"),
        "ode_blocks[b].variables[1]: expected a variable with a name, found no name");
    assertRejected(
        m -> variable(m, 2).putNull("shape"),
        "variables[2]: expected a variable with name and shape, found no shape");
    assertRejected(
        m -> ((ArrayNode) variable(m, 2).get("shape")).addNull(),
        "variables[2]: expected a variable with name and shape, found shape [4, 3, null]");
    assertRejected(
        m -> variable(m, 0).remove("name"),
        "variables[0]: expected a variable with name and shape, found no name");
    assertRejected(
        m -> ((ArrayNode) m.get("variables")).addNull(),
        "variables[3]: expected a variable with name and shape, found null");
  }

  private static ObjectNode block(ObjectNode m) {
    return (ObjectNode) m.get("ode_blocks").get(0);
  }

  private static ObjectNode variable(ObjectNode m, int i) {
    return (ObjectNode) m.get("variables").get(i);
  }

  private static void assertRejected(Consumer<ObjectNode> edit, String message) {
    ObjectNode m;
    try {
      m = (ObjectNode) JSON.readTree(sample().toJson());
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
    edit.accept(m);
    assertThatThrownBy(() -> Manifest.fromJson(m.toString(), "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("odenet.json: " + message);
  }

  /**
   * SavedModels.checkBlocks (validate, inspect, compress) quotes the manifest's own strings with
   * their line breaks escaped, so its messages stay one line. Found by ParserFuzzTest.
   */
  @Test
  void blockCheckMessagesStayOneLine() throws JsonProcessingException {
    Map<String, SavedModelReader.VariableSpec> graph = new java.util.LinkedHashMap<>();
    for (Manifest.VariableEntry e : sample().variables()) {
      graph.put(
          e.name(),
          new SavedModelReader.VariableSpec(
              e.name(), org.tensorflow.proto.DataType.DT_FLOAT, e.shape()));
    }
    ObjectNode m = (ObjectNode) JSON.readTree(sample().toJson());
    variable(m, 0).put("kind", " parameter\n");
    assertThatThrownBy(
            () ->
                SavedModels.checkBlocks(
                    java.nio.file.Path.of("odenet.json"),
                    Manifest.fromJson(m.toString(), "odenet.json"),
                    graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "odenet.json: variables[b/unit/kernel].kind: expected parameter (as in ode_blocks[b]), found  parameter\\n");
    ObjectNode m2 = (ObjectNode) JSON.readTree(sample().toJson());
    block(m2).put("basis", "legendre:\r2");
    assertThatThrownBy(
            () ->
                SavedModels.checkBlocks(
                    java.nio.file.Path.of("odenet.json"),
                    Manifest.fromJson(m2.toString(), "odenet.json"),
                    graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "odenet.json: ode_blocks[b]: basis 'legendre:\\r2': expected an integer K after ':', found '\\r2'");
  }

  /**
   * The model spec is checked when the manifest is parsed (before, validate and inspect accepted a
   * spec that eval and compress could not build); a number like 1e309 in it also did not survive
   * toJson/fromJson (a double infinity is written as the string "Infinity"). Found by
   * ParserFuzzTest.
   */
  @Test
  void modelSpecIsValidated() throws JsonProcessingException {
    ObjectNode m = (ObjectNode) JSON.readTree(sample().toJson());
    String spec =
        "{\"kind\":\"tagger\",\"vocabulary\":12,\"tags\":3,\"maxLength\":5,\"dModel\":8,\"heads\":2,"
            + "\"mlpDim\":8,\"activation\":\"elu\",\"block\":{\"basis\":\"piecewise_constant:2\",\"steps\":2,\"scheme\":\"euler\","
            + "\"epsilon\":1.0,\"init\":\"IDENTICAL\"}}";
    m.set("model_spec", JSON.readTree(spec));
    Manifest parsed = Manifest.fromJson(m.toString(), "odenet.json");
    assertThat(parsed.spec()).isNotNull();
    assertThat(Manifest.fromJson(parsed.toJson(), "odenet.json")).isEqualTo(parsed);
    m.set("model_spec", JSON.readTree(spec.replace("\"heads\":2", "\"heads\":1e309")));
    assertThatThrownBy(() -> Manifest.fromJson(m.toString(), "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("odenet.json: model spec: expected valid spec JSON, found: ");
    m.set("model_spec", JSON.readTree("[]"));
    assertThatThrownBy(() -> Manifest.fromJson(m.toString(), "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("odenet.json: model spec: expected valid spec JSON, found: ");
  }

  /**
   * A manifest file with bytes that are not UTF-8 is bad input, reported as such (it was an
   * UncheckedIOException "cannot read", which the CLI reports as a failure, exit 1). Found by
   * ParserFuzzTest.
   */
  @Test
  void fileThatIsNotUtf8IsBadInput(@TempDir Path dir) throws java.io.IOException {
    Path file = dir.resolve(Manifest.PATH);
    Files.createDirectories(file.getParent());
    byte[] json = sample().toJson().getBytes(StandardCharsets.UTF_8);
    Files.write(file, json);
    assertThat(Manifest.read(dir)).isEqualTo(sample());
    json[json.length / 2] = (byte) 0xff;
    Files.write(file, json);
    assertThatThrownBy(() -> Manifest.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": manifest: expected UTF-8 JSON text, found bytes that are not UTF-8");
  }

  /**
   * A key given twice is named as such: a repeated list ("shape") failed inside Jackson with
   * "Should never call `set()` on setterless property" (an UnsupportedOperationException). Found by
   * ParserFuzzTest.
   */
  @Test
  void rejectsAKeyGivenTwice() {
    String json =
        sample()
            .toJson()
            .replaceFirst(
                "\"kind\" : \"parameter\"", "\"kind\" : \"parameter\", \"shape\" : [ 1 ]");
    assertThatThrownBy(() -> Manifest.fromJson(json, "odenet.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "odenet.json: manifest: expected odenet manifest JSON, found: Duplicate field 'shape'")
        .rootCause()
        .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
  }
}
