package org.odenet4j.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.function.UnaryOperator;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.text.OneLine;

/**
 * A model's architecture, complete: building the same spec twice gives the same graph. Serialises
 * to JSON with a {@code "kind"} discriminator ({@code image} or {@code tagger}) and round-trips
 * exactly ({@link #toJson()}, {@link #fromJson(String)}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ImageModelSpec.class, name = "image"),
  @JsonSubTypes.Type(value = TaggerModelSpec.class, name = "tagger")
})
public sealed interface ModelSpec permits ImageModelSpec, TaggerModelSpec {

  /** The ODE blocks' discretisations, in build order. */
  List<OdeBlockSpec> odeBlocks();

  /** The same model with every ODE block's spec transformed. */
  ModelSpec mapBlocks(UnaryOperator<OdeBlockSpec> change);

  /** Canonical pretty JSON. */
  default String toJson() {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model spec: cannot serialise " + this, e);
    }
  }

  /** Parses JSON written by {@link #toJson()}; unknown fields are errors. */
  static ModelSpec fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, ModelSpec.class);
    } catch (JsonProcessingException e) {
      // Jackson quotes the offending JSON string, line breaks and all
      throw new IllegalArgumentException(
          "model spec: expected valid spec JSON, found: " + OneLine.of(e.getOriginalMessage()), e);
    }
  }

  /** The shared mapper (records, strict on unknown fields). */
  final class Json {
    /**
     * A key given twice is an error (last-wins hid it, and a repeated list failed inside Jackson).
     */
    public static final ObjectMapper MAPPER =
        new ObjectMapper(
                JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {}
  }
}
