package org.odenet4j.savedmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.op.Op;

/**
 * Everything a SavedModel's graph serves: the {@code serving_default} signature, further signatures
 * by key (a tagger's id-based {@code tokens}, an image model's {@code image_bytes}), the files it
 * carries in {@code assets/}, and the ops its init op runs once at load time (lookup-table
 * initialisers). A plain {@link InferenceGraph} serves one signature and nothing else ({@link
 * #of(SignatureOutputs)}).
 *
 * @param servingDefault the {@code serving_default} signature
 * @param signatures further signatures, by key
 * @param assets files for {@code assets/}
 * @param initializers ops the SavedModel's init op runs
 */
public record ServingGraph(
    SignatureOutputs servingDefault,
    Map<String, SignatureOutputs> signatures,
    List<ServingAsset> assets,
    List<Op> initializers) {

  /** The signature key TensorFlow reserves for an init op; not a key for a served signature. */
  public static final String INIT_OP_KEY = "__saved_model_init_op";

  public ServingGraph {
    if (servingDefault == null) {
      throw new IllegalArgumentException(
          "serving graph: expected a serving_default signature, found none");
    }
    signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
    if (signatures.containsKey(Exporter.SIGNATURE_KEY) || signatures.containsKey(INIT_OP_KEY)) {
      throw new IllegalArgumentException(
          "serving graph: expected further signatures under other keys than "
              + Exporter.SIGNATURE_KEY
              + " and "
              + INIT_OP_KEY
              + ", found "
              + signatures.keySet());
    }
    assets = List.copyOf(assets);
    initializers = List.copyOf(initializers);
    if (!assets.isEmpty() && initializers.isEmpty()) {
      throw new IllegalArgumentException(
          "serving graph: expected an initializer that reads the assets, found none");
    }
  }

  /** One signature, no assets, no init op. */
  public static ServingGraph of(SignatureOutputs servingDefault) {
    return new ServingGraph(servingDefault, Map.of(), List.of(), List.of());
  }

  public static Builder builder(SignatureOutputs servingDefault) {
    return new Builder(servingDefault);
  }

  /** Collects signatures, assets and initializers in order. */
  public static final class Builder {
    private final SignatureOutputs servingDefault;
    private final Map<String, SignatureOutputs> signatures = new LinkedHashMap<>();
    private final List<ServingAsset> assets = new ArrayList<>();
    private final List<Op> initializers = new ArrayList<>();

    private Builder(SignatureOutputs servingDefault) {
      this.servingDefault = servingDefault;
    }

    public Builder signature(String key, SignatureOutputs signature) {
      if (signatures.putIfAbsent(key, signature) != null) {
        throw new IllegalArgumentException(
            "signature " + key + ": expected a unique key, found it twice");
      }
      return this;
    }

    public Builder asset(ServingAsset asset) {
      assets.add(asset);
      return this;
    }

    public Builder initializer(Op op) {
      initializers.add(op);
      return this;
    }

    public ServingGraph build() {
      return new ServingGraph(servingDefault, signatures, assets, initializers);
    }
  }
}
