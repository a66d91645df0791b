package org.odenet4j.cli.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * One signature of a SavedModel as {@code predict} uses it: its key and its named inputs and
 * outputs, each with the graph tensor it maps to, its dtype and its shape. Inputs and outputs are
 * sorted by name, as TensorFlow Serving orders them in a response.
 *
 * @param key the signature key, e.g. {@code serving_default}
 * @param inputs name → tensor, sorted by name
 * @param outputs name → tensor, sorted by name
 */
record SignatureSpec(
    String key, SortedMap<String, TensorSpec> inputs, SortedMap<String, TensorSpec> outputs) {

  /** The dtypes {@code predict} feeds and prints. */
  static final Set<DataType> SUPPORTED =
      Collections.unmodifiableSet(
          EnumSet.of(
              DataType.DT_FLOAT,
              DataType.DT_DOUBLE,
              DataType.DT_INT32,
              DataType.DT_INT64,
              DataType.DT_UINT8,
              DataType.DT_BOOL,
              DataType.DT_STRING));

  SignatureSpec {
    inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
  }

  /**
   * A named tensor of a signature.
   *
   * @param name the name a client uses ({@code images})
   * @param tensor the graph tensor ({@code serve/images:0}) fed or fetched
   * @param dtype its data type
   * @param dims its dimensions, -1 where unknown (the batch); null when the rank is unknown
   */
  record TensorSpec(String name, String tensor, DataType dtype, List<Long> dims) {
    TensorSpec {
      dims = dims == null ? null : List.copyOf(dims);
    }

    /** {@code images (float32 [-1, 28, 28, 1])}. */
    String describe() {
      return name + " (" + dtypeName(dtype) + " " + shape() + ")";
    }

    /** {@code [-1, 28, 28, 1]}, or {@code [unknown rank]}. */
    String shape() {
      return dims == null ? "[unknown rank]" : dims.toString();
    }

    /** The dimensions of one instance (the batch dimension dropped); null for an unknown rank. */
    List<Long> instanceDims() {
      return dims == null ? null : dims.subList(1, dims.size());
    }
  }

  /** Every signature of the meta graph, by key (sorted); tensors are checked on {@link #select}. */
  static SortedMap<String, SignatureDef> all(MetaGraphDef metaGraph) {
    return new TreeMap<>(metaGraph.getSignatureDefMap());
  }

  /**
   * The signature {@code key} of the meta graph.
   *
   * @param field what named the key, for the error: {@code --signature}, {@code request.json:
   *     signature_name}, …
   * @throws IllegalArgumentException when there is no such signature, or it has a tensor {@code
   *     predict} cannot feed or print (sparse, composite, or a dtype outside {@link #SUPPORTED})
   */
  static SignatureSpec select(MetaGraphDef metaGraph, Path dir, String key, String field) {
    SortedMap<String, SignatureDef> all = all(metaGraph);
    SignatureDef def = all.get(key);
    if (def == null) {
      throw new IllegalArgumentException(
          field
              + ": expected a signature of "
              + dir
              + " ("
              + String.join(", ", all.keySet())
              + "), found '"
              + key
              + "'");
    }
    Path pb = dir.resolve("saved_model.pb");
    return new SignatureSpec(
        key,
        tensors(pb, key, "inputs", def.getInputsMap()),
        tensors(pb, key, "outputs", def.getOutputsMap()));
  }

  private static SortedMap<String, TensorSpec> tensors(
      Path pb, String key, String what, Map<String, TensorInfo> infos) {
    SortedMap<String, TensorSpec> out = new TreeMap<>();
    for (Map.Entry<String, TensorInfo> e : new TreeMap<>(infos).entrySet()) {
      TensorInfo info = e.getValue();
      String field = pb + ": signature_def[" + key + "]." + what + "[" + e.getKey() + "]";
      if (info.getEncodingCase() != TensorInfo.EncodingCase.NAME) {
        throw new IllegalArgumentException(
            field
                + ": expected a dense tensor, found a "
                + info.getEncodingCase().name().toLowerCase(Locale.ROOT)
                + " tensor (not supported by predict)");
      }
      if (!SUPPORTED.contains(info.getDtype())) {
        throw new IllegalArgumentException(
            field
                + ": expected float32, float64, int32, int64, uint8, bool or string, found "
                + dtypeName(info.getDtype()));
      }
      out.put(
          e.getKey(),
          new TensorSpec(e.getKey(), info.getName(), info.getDtype(), dims(info.getTensorShape())));
    }
    return out;
  }

  private static List<Long> dims(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return null;
    }
    List<Long> dims = new ArrayList<>();
    for (TensorShapeProto.Dim d : shape.getDimList()) {
      dims.add(d.getSize() < 0 ? -1L : d.getSize());
    }
    return dims;
  }

  /** The inputs, described: {@code images (float32 [-1, 28, 28, 1]), …}. */
  String describeInputs() {
    List<String> parts = new ArrayList<>();
    inputs.values().forEach(t -> parts.add(t.describe()));
    return String.join(", ", parts);
  }

  /** float32, float64, int32, int64, uint8, bool, string (else the proto's name, lower case). */
  static String dtypeName(DataType dt) {
    return switch (dt) {
      case DT_FLOAT -> "float32";
      case DT_DOUBLE -> "float64";
      case DT_INT32 -> "int32";
      case DT_INT64 -> "int64";
      case DT_UINT8 -> "uint8";
      case DT_BOOL -> "bool";
      case DT_STRING -> "string";
      default -> dt.name().toLowerCase(Locale.ROOT).replaceFirst("^dt_", "");
    };
  }
}
