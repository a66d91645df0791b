package org.odenet4j.savedmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.text.OneLine;

/**
 * The odenet manifest, {@code assets.extra/odenet.json} beside {@code saved_model.pb}: what a tool
 * needs to read an exported model's ODE blocks and coefficients without running its graph. {@code
 * assets.extra} is the directory TensorFlow Serving leaves alone.
 *
 * <p>JSON keys are snake_case. Shapes are lists of dimensions ({@code -1} = any batch size).
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param modelSpec the {@link ModelSpec} JSON, or null for a custom graph
 * @param signature the serving signature
 * @param odeBlocks every ODE block with its discretisation and its coefficient and state variables
 * @param variables every variable of the graph
 * @param variablesFiles size in bytes of every file in {@code variables/}, by name
 * @param provenance versions, time, checksum, source
 * @param classNames the name of each class id (Fashion-MNIST's ten, a tagger's tag set), in id
 *     order; empty (absent from the JSON) when the exporter was given none
 * @param wordInput for a tagger that takes words: its vocabulary asset and lower-casing; null
 *     (absent) otherwise
 */
@JsonPropertyOrder({
  "format_version",
  "model_spec",
  "signature",
  "ode_blocks",
  "variables",
  "variables_files",
  "provenance",
  "class_names",
  "word_input"
})
public record Manifest(
    int formatVersion,
    JsonNode modelSpec,
    SignatureEntry signature,
    List<BlockEntry> odeBlocks,
    List<VariableEntry> variables,
    Map<String, Long> variablesFiles,
    Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> classNames,
    @JsonInclude(JsonInclude.Include.NON_NULL) WordInput wordInput) {

  public Manifest {
    if (modelSpec != null && modelSpec.isNull()) {
      modelSpec = null; // JSON null: a custom graph
    }
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
  }

  /** A manifest without class names. */
  public Manifest(
      int formatVersion,
      JsonNode modelSpec,
      SignatureEntry signature,
      List<BlockEntry> odeBlocks,
      List<VariableEntry> variables,
      Map<String, Long> variablesFiles,
      Provenance provenance) {
    this(
        formatVersion,
        modelSpec,
        signature,
        odeBlocks,
        variables,
        variablesFiles,
        provenance,
        List.of(),
        null);
  }

  /**
   * How a tagger's {@code serving_default} turns words into ids: the SavedModel asset holding the
   * vocabulary (one word per line, line i = id i) and whether words are lower-cased first.
   *
   * @param vocabulary the file name in {@code assets/}
   * @param lowercase whether words are lower-cased before the lookup
   */
  public record WordInput(String vocabulary, boolean lowercase) {}

  public static final int FORMAT_VERSION = 1;

  /** Path of the manifest inside a version directory. */
  public static final String PATH = "assets.extra/odenet.json";

  public static final String PARAMETER = "parameter";
  public static final String STATE = "state";

  /** Snake case, strict on unknown fields and on a key given twice. */
  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(SerializationFeature.INDENT_OUTPUT, true);

  /**
   * A tensor of the signature.
   *
   * @param dtype float32, int32, int64, …
   * @param shape dimensions, -1 = unknown (the batch)
   * @param tensor the graph tensor it maps to, e.g. {@code serve/logits:0}
   */
  public record TensorEntry(String dtype, List<Long> shape, String tensor) {}

  /** The serving signature: key, method name, tags, named inputs and outputs. */
  @JsonPropertyOrder({"key", "method_name", "tags", "inputs", "outputs"})
  public record SignatureEntry(
      String key,
      String methodName,
      List<String> tags,
      Map<String, TensorEntry> inputs,
      Map<String, TensorEntry> outputs) {}

  /** A variable of an ODE block (first axis K for coefficients). */
  public record BlockVariable(String name, List<Long> shape, String kind) {}

  /**
   * An ODE block.
   *
   * @param name variable-name prefix, e.g. {@code stage1/block}
   * @param basis {@code family:K}
   * @param k K, the number of basis functions
   * @param steps N
   * @param scheme euler, midpoint, rk4, rk4_38
   * @param epsilon ε
   * @param variables coefficient (parameter) and running-statistics (state) variables
   */
  @JsonPropertyOrder({"name", "basis", "k", "steps", "scheme", "epsilon", "variables"})
  public record BlockEntry(
      String name,
      String basis,
      int k,
      int steps,
      String scheme,
      double epsilon,
      List<BlockVariable> variables) {}

  /**
   * A variable.
   *
   * @param kind {@value #PARAMETER} (trainable) or {@value #STATE}
   * @param block its ODE block, or null
   */
  @JsonPropertyOrder({"name", "shape", "dtype", "kind", "block"})
  public record VariableEntry(
      String name, List<Long> shape, String dtype, String kind, String block) {}

  /**
   * Where the model came from.
   *
   * @param odenet4jVersion the writing library's version
   * @param tensorflowVersion {@code TensorFlow.version()} of the writer
   * @param created ISO-8601 UTC
   * @param variablesSha256 SHA-256 over the files of {@code variables/} in name order: for each,
   *     its name (UTF-8), a NUL byte, and its bytes (see {@link Checksums#variablesSha256})
   * @param source what produced the values
   * @param compression for a compressed version: its source's provenance and the plan; absent
   *     (null) otherwise
   * @param training how the values were trained (seed, trainer settings, refinement, data), or null
   *     (absent from the JSON) when they were not trained by odenet4j's trainer
   */
  @JsonPropertyOrder({
    "odenet4j_version",
    "tensorflow_version",
    "created",
    "variables_sha256",
    "source",
    "compression",
    "training"
  })
  public record Provenance(
      String odenet4jVersion,
      String tensorflowVersion,
      String created,
      String variablesSha256,
      Source source,
      @JsonInclude(JsonInclude.Include.NON_NULL) CompressionProvenance compression,
      @JsonInclude(JsonInclude.Include.NON_NULL) Training training) {

    /** A provenance without compression and training records. */
    public Provenance(
        String odenet4jVersion,
        String tensorflowVersion,
        String created,
        String variablesSha256,
        Source source) {
      this(odenet4jVersion, tensorflowVersion, created, variablesSha256, source, null, null);
    }

    /** A provenance without a training record (a model that was not trained by the trainer). */
    public Provenance(
        String odenet4jVersion,
        String tensorflowVersion,
        String created,
        String variablesSha256,
        Source source,
        CompressionProvenance compression) {
      this(odenet4jVersion, tensorflowVersion, created, variablesSha256, source, compression, null);
    }
  }

  /**
   * How trained values came about: enough to repeat the run.
   *
   * @param seed the trainer's seed
   * @param trainer every trainer setting, snake_case keys (epochs, batch_size, optimizer, …)
   * @param refineAt 1-based epochs before which every ODE block was split-refined
   * @param data the training data
   */
  @JsonPropertyOrder({"seed", "trainer", "refine_at", "data"})
  public record Training(
      long seed, Map<String, Object> trainer, List<Integer> refineAt, TrainingData data) {}

  /**
   * The data a model was trained on.
   *
   * @param source its description (e.g. a dataset directory, or the shape of in-memory arrays)
   * @param files SHA-256 of every file the data was read from, by path (empty for in-memory data)
   * @param sha256 SHA-256 over the examples the trainer saw, in order (for each example its input
   *     then its label bytes, little-endian), or null when the data came from {@code files}
   */
  @JsonPropertyOrder({"source", "files", "sha256"})
  public record TrainingData(String source, Map<String, String> files, String sha256) {}

  /**
   * The operation that produced the values, e.g. {@code trained by odenet train} or {@code
   * compressed from models/cifar/1 by projection}.
   *
   * @param operation free text
   * @param sha256 the source's checksum (e.g. its {@code variables_sha256}), or null
   */
  public record Source(String operation, String sha256) {
    public static Source of(String operation) {
      return new Source(operation, null);
    }
  }

  /** The model spec, or null for a custom graph. */
  public ModelSpec spec() {
    return modelSpec == null || modelSpec.isNull()
        ? null
        : ModelSpec.fromJson(modelSpec.toString());
  }

  /** Total trainable scalars (variables of kind parameter). */
  public long trainableParameters() {
    return variables.stream()
        .filter(v -> PARAMETER.equals(v.kind()))
        .mapToLong(v -> Dtypes.elements(v.shape()))
        .sum();
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest: cannot serialise", e);
    }
  }

  /** Parses a manifest; {@code file} names it in errors. */
  public static Manifest fromJson(String json, String file) {
    try {
      Manifest m = MAPPER.readValue(json, Manifest.class);
      if (m.formatVersion() != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            file + ": format_version: expected " + FORMAT_VERSION + ", found " + m.formatVersion());
      }
      if (m.variables() == null || m.signature() == null || m.odeBlocks() == null) {
        throw new IllegalArgumentException(
            file
                + ": manifest: expected the fields signature, ode_blocks and variables, found "
                + (m.signature() == null
                    ? "no signature"
                    : m.odeBlocks() == null ? "no ode_blocks" : "no variables"));
      }
      checkEntries(m, file);
      if (m.modelSpec() != null) {
        try {
          m.spec(); // what eval and compress rebuild the model from: validated here, like the rest
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
      }
      return m;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + ": manifest: expected odenet manifest JSON, found: "
              + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "),
          e);
    }
  }

  /**
   * The fields every reader of a manifest relies on (validation, inspect, compress): each ODE block
   * has a name and a list of named variables, each variable a name and a shape of dimensions.
   */
  private static void checkEntries(Manifest m, String file) {
    for (int i = 0; i < m.odeBlocks().size(); i++) {
      BlockEntry b = m.odeBlocks().get(i);
      if (b == null || b.name() == null || b.variables() == null) {
        throw new IllegalArgumentException(
            file
                + ": ode_blocks["
                + i
                + "]: expected an ODE block with name and variables, found "
                + (b == null ? "null" : b.name() == null ? "no name" : "no variables"));
      }
      for (int j = 0; j < b.variables().size(); j++) {
        BlockVariable v = b.variables().get(j);
        if (v == null || v.name() == null) {
          throw new IllegalArgumentException(
              file
                  + ": ode_blocks["
                  + OneLine.of(b.name())
                  + "].variables["
                  + j
                  + "]: expected a variable with a name, found "
                  + (v == null ? "null" : "no name"));
        }
      }
    }
    for (int i = 0; i < m.variables().size(); i++) {
      VariableEntry v = m.variables().get(i);
      if (v == null
          || v.name() == null
          || v.shape() == null
          || v.shape().stream().anyMatch(d -> d == null)) {
        throw new IllegalArgumentException(
            file
                + ": variables["
                + i
                + "]: expected a variable with name and shape, found "
                + (v == null
                    ? "null"
                    : v.name() == null
                        ? "no name"
                        : v.shape() == null ? "no shape" : "shape " + v.shape()));
      }
    }
  }

  /** Reads {@code dir/assets.extra/odenet.json}; null if there is none. */
  public static Manifest read(Path dir) {
    Path file = dir.resolve(PATH);
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      return null;
    } catch (CharacterCodingException e) {
      // bad content, not an I/O failure (that was "cannot read", exit 1)
      throw new IllegalArgumentException(
          file + ": manifest: expected UTF-8 JSON text, found bytes that are not UTF-8", e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(file + ": cannot read", e);
    }
  }
}
