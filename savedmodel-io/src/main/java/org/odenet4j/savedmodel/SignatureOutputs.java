package org.odenet4j.savedmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;

/**
 * The named inputs and outputs of the {@code serving_default} signature of an inference graph.
 * Names are the keys a client uses ({@code images}, {@code logits}, …), independent of op names.
 *
 * @param inputs name → placeholder (batch dimension -1)
 * @param outputs name → output tensor
 */
public record SignatureOutputs(Map<String, Operand<?>> inputs, Map<String, Operand<?>> outputs) {

  public SignatureOutputs {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "signature inputs: expected at least one named input, found none");
    }
    if (outputs == null || outputs.isEmpty()) {
      throw new IllegalArgumentException(
          "signature outputs: expected at least one named output, found none");
    }
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects inputs and outputs in order. */
  public static final class Builder {
    private final Map<String, Operand<?>> inputs = new LinkedHashMap<>();
    private final Map<String, Operand<?>> outputs = new LinkedHashMap<>();

    public Builder input(String name, Operand<?> operand) {
      put(inputs, "input", name, operand);
      return this;
    }

    public Builder output(String name, Operand<?> operand) {
      put(outputs, "output", name, operand);
      return this;
    }

    private static void put(
        Map<String, Operand<?>> map, String what, String name, Operand<?> operand) {
      if (name == null || name.isBlank() || operand == null) {
        throw new IllegalArgumentException(
            "signature "
                + what
                + ": expected a name and an operand, found "
                + name
                + " -> "
                + operand);
      }
      if (map.putIfAbsent(name, operand) != null) {
        throw new IllegalArgumentException(
            "signature " + what + " " + name + ": expected a unique name, found it twice");
      }
    }

    public SignatureOutputs build() {
      return new SignatureOutputs(inputs, outputs);
    }
  }
}
