package org.odenet4j.savedmodel;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * What {@link SavedModels#inspect} found, without running the model.
 *
 * @param directory the version directory
 * @param tags the tags of the meta graph read
 * @param signatures every signature of that meta graph
 * @param variables every {@code VariableV2}, with its kind and block from the manifest (null
 *     without)
 * @param odeBlocks from the manifest (empty without)
 * @param trainableParameters scalars of kind parameter per the manifest; without a manifest all
 *     variables
 * @param trainableParametersSource {@code manifest} or {@code all variables (no manifest)}
 * @param variablesBytes bytes of {@code variables/} on disk
 * @param totalBytes bytes of the whole directory on disk
 * @param modelSpec from the manifest, or null
 * @param provenance from the manifest, or null
 * @param warnings e.g. a missing manifest
 */
@JsonPropertyOrder({
  "directory",
  "tags",
  "signatures",
  "variables",
  "ode_blocks",
  "trainable_parameters",
  "trainable_parameters_source",
  "variables_bytes",
  "total_bytes",
  "model_spec",
  "provenance",
  "warnings"
})
public record Inspection(
    String directory,
    List<String> tags,
    List<SignatureInfo> signatures,
    List<VariableInfo> variables,
    List<Manifest.BlockEntry> odeBlocks,
    long trainableParameters,
    String trainableParametersSource,
    long variablesBytes,
    long totalBytes,
    JsonNode modelSpec,
    Manifest.Provenance provenance,
    List<String> warnings) {

  /** A signature with its named inputs and outputs. */
  @JsonPropertyOrder({"key", "method_name", "inputs", "outputs"})
  public record SignatureInfo(
      String key,
      String methodName,
      Map<String, Manifest.TensorEntry> inputs,
      Map<String, Manifest.TensorEntry> outputs) {}

  /** A variable: shape, dtype, bytes (-1 if unknown), kind and block (null without manifest). */
  @JsonPropertyOrder({"name", "shape", "dtype", "bytes", "kind", "block"})
  public record VariableInfo(
      String name, List<Long> shape, String dtype, long bytes, String kind, String block) {}

  private static final ObjectMapper COMPACT =
      Manifest.MAPPER.copy().configure(SerializationFeature.INDENT_OUTPUT, false);

  /** One line of JSON (snake_case keys). */
  public String toJson() {
    try {
      return COMPACT.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("inspection: cannot serialise", e);
    }
  }
}
