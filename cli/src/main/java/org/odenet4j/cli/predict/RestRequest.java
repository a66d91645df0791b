package org.odenet4j.cli.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odenet4j.cli.predict.SignatureSpec.TensorSpec;
import org.tensorflow.proto.DataType;

/**
 * A TensorFlow Serving REST predict request body, read as TensorFlow Serving reads it:
 *
 * <ul>
 *   <li>row format {@code {"instances": [...]}}: one entry per example, a value when the signature
 *       has one input, or an object {@code {input: value, …}} naming every input;
 *   <li>columnar format {@code {"inputs": value}} or {@code {"inputs": {input: value, …}}}: whole
 *       tensors, batch dimension included;
 *   <li>optional {@code "signature_name"}.
 * </ul>
 *
 * Values are nested JSON lists of the shape the signature declares (-1: any size, the same for
 * every instance); the dtype comes from the signature. Strings are JSON strings (their UTF-8 bytes)
 * or {@code {"b64": "…"}} (the decoded bytes). Every problem is an {@link IllegalArgumentException}
 * naming the file and the field, e.g. {@code request.json: instances[3].images: expected [28, 28,
 * 1], found [28, 27, 1]}.
 */
final class RestRequest {
  static final String INSTANCES = "instances";
  static final String INPUTS = "inputs";
  static final String SIGNATURE_NAME = "signature_name";
  private static final Set<String> KEYS = Set.of(INSTANCES, INPUTS, SIGNATURE_NAME);

  /** Strict on keys given twice; accepts NaN and Infinity as TensorFlow Serving writes them. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String source;
  private final JsonNode body;

  private RestRequest(String source, JsonNode body) {
    this.source = source;
    this.body = body;
  }

  /**
   * Parses a request body.
   *
   * @param source the file name used in errors ({@code request.json}, {@code stdin})
   */
  static RestRequest parse(String source, byte[] bytes) {
    JsonNode body;
    try {
      body = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IllegalArgumentException(
          source
              + ": "
              + (at == null ? "JSON" : "line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": expected a JSON request body, found invalid JSON ("
              + e.getOriginalMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": expected a JSON request body, found unreadable bytes (" + e + ")", e);
    }
    if (body == null || body.isMissingNode() || !body.isObject()) {
      throw new IllegalArgumentException(
          source
              + ": expected a JSON object with \"instances\" or \"inputs\", found "
              + (body == null || body.isMissingNode() ? "nothing" : describe(body)));
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            source
                + ": "
                + key
                + ": expected only the keys signature_name, instances or inputs, found the key '"
                + key
                + "'");
      }
    }
    boolean rows = body.has(INSTANCES);
    if (rows == body.has(INPUTS)) {
      throw new IllegalArgumentException(
          source
              + ": expected one of \"instances\" (row format) or \"inputs\" (columnar format), found "
              + (rows ? "both" : "neither"));
    }
    JsonNode name = body.get(SIGNATURE_NAME);
    if (name != null && !name.isTextual()) {
      throw new IllegalArgumentException(
          source + ": signature_name: expected a string, found " + describe(name));
    }
    return new RestRequest(source, body);
  }

  /** The body's {@code signature_name}, or null. */
  String signatureName() {
    JsonNode name = body.get(SIGNATURE_NAME);
    return name == null ? null : name.asText();
  }

  /** Whether the body is in the row format ({@code instances}); else columnar ({@code inputs}). */
  boolean rows() {
    return body.has(INSTANCES);
  }

  /** The inputs of the body for {@code signature}, checked against its dtypes and shapes. */
  Map<String, HostArray> inputs(SignatureSpec signature) {
    return rows() ? instances(signature) : columns(signature);
  }

  private Map<String, HostArray> columns(SignatureSpec sig) {
    JsonNode inputs = body.get(INPUTS);
    Map<String, HostArray> out = new LinkedHashMap<>();
    if (!isNamed(inputs)) {
      if (sig.inputs().size() != 1) {
        throw new IllegalArgumentException(
            source
                + ": inputs: expected an object naming the inputs of signature "
                + sig.key()
                + " ("
                + sig.describeInputs()
                + "), found "
                + describe(inputs));
      }
      TensorSpec spec = sig.inputs().values().iterator().next();
      out.put(spec.name(), value(inputs, INPUTS, spec.dims(), spec.dtype()));
      return out;
    }
    checkNames(inputs, INPUTS, sig);
    for (TensorSpec spec : sig.inputs().values()) {
      out.put(
          spec.name(),
          value(inputs.get(spec.name()), INPUTS + "." + spec.name(), spec.dims(), spec.dtype()));
    }
    return out;
  }

  private Map<String, HostArray> instances(SignatureSpec sig) {
    JsonNode instances = body.get(INSTANCES);
    if (!instances.isArray()) {
      throw new IllegalArgumentException(
          source + ": instances: expected a list of instances, found " + describe(instances));
    }
    int n = instances.size();
    if (n == 0) {
      throw new IllegalArgumentException(
          source + ": instances: expected at least one instance, found an empty list");
    }
    boolean named = isNamed(instances.get(0));
    if (!named && sig.inputs().size() != 1) {
      throw new IllegalArgumentException(
          source
              + ": instances[0]: expected an object naming the inputs of signature "
              + sig.key()
              + " ("
              + sig.describeInputs()
              + "), found "
              + describe(instances.get(0)));
    }
    for (TensorSpec spec : sig.inputs().values()) {
      if (spec.dims() != null && spec.dims().isEmpty()) {
        throw new IllegalArgumentException(
            source
                + ": instances: expected inputs with a batch dimension, found input "
                + spec.describe()
                + " (a scalar); send it in the columnar format, \"inputs\"");
      }
    }
    Map<String, List<HostArray>> parts = new LinkedHashMap<>();
    sig.inputs().keySet().forEach(k -> parts.put(k, new ArrayList<>(n)));
    for (int i = 0; i < n; i++) {
      JsonNode instance = instances.get(i);
      String at = INSTANCES + "[" + i + "]";
      if (named != isNamed(instance)) {
        throw new IllegalArgumentException(
            source
                + ": "
                + at
                + ": expected "
                + (named ? "an object naming the inputs" : "a value")
                + " (as instances[0]), found "
                + describe(instance));
      }
      if (named) {
        checkNames(instance, at, sig);
      }
      for (TensorSpec spec : sig.inputs().values()) {
        String field = named ? at + "." + spec.name() : at;
        HostArray a =
            value(
                named ? instance.get(spec.name()) : instance,
                field,
                spec.instanceDims(),
                spec.dtype());
        List<HostArray> list = parts.get(spec.name());
        if (!list.isEmpty() && !list.get(0).dims().equals(a.dims())) {
          throw new IllegalArgumentException(
              source
                  + ": "
                  + field
                  + ": expected "
                  + list.get(0).dims()
                  + " (the shape of "
                  + (named ? "instances[0]." + spec.name() : "instances[0]")
                  + "), found "
                  + a.dims());
        }
        list.add(a);
      }
    }
    Map<String, HostArray> out = new LinkedHashMap<>();
    for (TensorSpec spec : sig.inputs().values()) {
      List<HostArray> list = parts.get(spec.name());
      if (spec.dims() != null && spec.dims().get(0) >= 0 && spec.dims().get(0) != n) {
        throw new IllegalArgumentException(
            source
                + ": instances: expected "
                + spec.dims().get(0)
                + " instances (input "
                + spec.describe()
                + "), found "
                + n);
      }
      out.put(spec.name(), stack(list));
    }
    return out;
  }

  /** Instances of one shape stacked into a batch. */
  private static HostArray stack(List<HostArray> instances) {
    HostArray first = instances.get(0);
    long[] shape = new long[first.shape().length + 1];
    shape[0] = instances.size();
    System.arraycopy(first.shape(), 0, shape, 1, first.shape().length);
    List<HostArray> rows = new ArrayList<>(instances.size());
    for (HostArray a : instances) {
      long[] s = shape.clone();
      s[0] = 1;
      rows.add(new HostArray(a.dtype(), s, a.values()));
    }
    return HostArray.concat(rows);
  }

  /** Every key of {@code object} is an input of the signature, and every input is there. */
  private void checkNames(JsonNode object, String at, SignatureSpec sig) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!sig.inputs().containsKey(key)) {
        throw new IllegalArgumentException(
            source
                + ": "
                + at
                + "."
                + key
                + ": expected an input of signature "
                + sig.key()
                + " ("
                + sig.describeInputs()
                + "), found unknown input '"
                + key
                + "'");
      }
    }
    for (String name : sig.inputs().keySet()) {
      if (!object.has(name)) {
        List<String> found = new ArrayList<>();
        object.fieldNames().forEachRemaining(found::add);
        throw new IllegalArgumentException(
            source
                + ": "
                + at
                + ": expected the input '"
                + name
                + "' of signature "
                + sig.key()
                + " ("
                + sig.describeInputs()
                + "), found only "
                + (found.isEmpty() ? "an empty object" : String.join(", ", found)));
      }
    }
  }

  /** An object naming inputs: a JSON object that is not a {@code {"b64": …}} value. */
  private static boolean isNamed(JsonNode node) {
    return node.isObject() && !isB64(node);
  }

  private static boolean isB64(JsonNode node) {
    return node.isObject() && node.size() == 1 && node.has("b64");
  }

  /**
   * A JSON value as an array of {@code dtype} with the expected dimensions (-1: any; null: any
   * rank). The value's shape is that of its first elements, all the way down; every other list must
   * have the same length (a rectangular array).
   */
  private HostArray value(JsonNode node, String field, List<Long> expected, DataType dtype) {
    List<Long> found = new ArrayList<>();
    boolean empty = false;
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      found.add((long) n.size());
      if (n.size() == 0) {
        empty = true;
        break;
      }
    }
    if (empty && expected != null && found.size() < expected.size()) {
      // [] or [[]] for a tensor with more dimensions: zero values, the rest as declared
      for (int k = found.size(); k < expected.size(); k++) {
        found.add(Math.max(0, expected.get(k)));
      }
    }
    if (expected != null && !fits(found, expected)) {
      throw new IllegalArgumentException(
          source + ": " + field + ": expected " + expected + ", found " + found);
    }
    long[] shape = found.stream().mapToLong(Long::longValue).toArray();
    Object values = HostArray.allocate(dtype, HostArray.size(shape));
    new Filler(field, shape, dtype, values).fill(node, 0);
    return new HostArray(dtype, shape, values);
  }

  /** Whether {@code found} dimensions match {@code expected} ones (-1 = any). */
  static boolean fits(List<Long> found, List<Long> expected) {
    if (found.size() != expected.size()) {
      return false;
    }
    for (int k = 0; k < found.size(); k++) {
      if (expected.get(k) >= 0 && !expected.get(k).equals(found.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** Copies the leaves of a nested list into a flat array, checking it is rectangular. */
  private final class Filler {
    private final String field;
    private final long[] shape;
    private final DataType dtype;
    private final Object values;
    private final int[] index;
    private int next;

    Filler(String field, long[] shape, DataType dtype, Object values) {
      this.field = field;
      this.shape = shape;
      this.dtype = dtype;
      this.values = values;
      this.index = new int[shape.length];
    }

    void fill(JsonNode node, int level) {
      if (level < shape.length) {
        if (!node.isArray()) {
          throw error(level, "a list of " + shape[level] + " values", describe(node));
        }
        if (node.size() != shape[level]) {
          throw error(
              level,
              "a list of " + shape[level] + " values (a rectangular array)",
              "a list of " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
          index[level] = i;
          fill(node.get(i), level + 1);
        }
        return;
      }
      put(node, level);
    }

    private void put(JsonNode node, int level) {
      int i = next++;
      switch (dtype) {
        case DT_FLOAT -> {
          double d = number(node, level, "a float32 number");
          float f = (float) d;
          if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw error(level, "a float32 number", node.asText() + " (out of float32 range)");
          }
          ((float[]) values)[i] = f;
        }
        case DT_DOUBLE -> ((double[]) values)[i] = number(node, level, "a float64 number");
        case DT_INT32 -> {
          integral(node, level, "an int32 integer");
          if (!node.canConvertToInt()) {
            throw error(level, "an int32 integer", node.asText() + " (out of int32 range)");
          }
          ((int[]) values)[i] = node.intValue();
        }
        case DT_INT64 -> {
          integral(node, level, "an int64 integer");
          if (!node.canConvertToLong()) {
            throw error(level, "an int64 integer", node.asText() + " (out of int64 range)");
          }
          ((long[]) values)[i] = node.longValue();
        }
        case DT_UINT8 -> {
          integral(node, level, "a uint8 integer (0..255)");
          if (!node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 255) {
            throw error(level, "a uint8 integer (0..255)", node.asText());
          }
          ((byte[]) values)[i] = (byte) node.intValue();
        }
        case DT_BOOL -> {
          if (!node.isBoolean()) {
            throw error(level, "true or false (bool)", describe(node));
          }
          ((boolean[]) values)[i] = node.booleanValue();
        }
        case DT_STRING -> ((byte[][]) values)[i] = bytes(node, level);
        default -> throw new IllegalStateException("dtype " + dtype);
      }
    }

    private double number(JsonNode node, int level, String what) {
      if (!node.isNumber()) {
        throw error(level, what, describe(node));
      }
      return node.doubleValue();
    }

    private void integral(JsonNode node, int level, String what) {
      if (!node.isIntegralNumber()) {
        throw error(level, what, describe(node));
      }
    }

    private byte[] bytes(JsonNode node, int level) {
      if (node.isTextual()) {
        return node.textValue().getBytes(StandardCharsets.UTF_8);
      }
      if (isB64(node)) {
        JsonNode b64 = node.get("b64");
        if (!b64.isTextual()) {
          throw error(level, "a base64 string in \"b64\"", describe(b64));
        }
        try {
          return Base64.getDecoder().decode(b64.textValue());
        } catch (IllegalArgumentException e) {
          String text = b64.textValue();
          throw new IllegalArgumentException(
              source
                  + ": "
                  + path(level)
                  + ".b64: expected base64 (A-Z, a-z, 0-9, +, /, = padding), found '"
                  + (text.length() > 24 ? text.substring(0, 24) + "…" : text)
                  + "' ("
                  + e.getMessage()
                  + ")",
              e);
        }
      }
      throw error(level, "a string or {\"b64\": \"…\"} (string)", describe(node));
    }

    private IllegalArgumentException error(int level, String expected, String found) {
      return new IllegalArgumentException(
          source + ": " + path(level) + ": expected " + expected + ", found " + found);
    }

    private String path(int level) {
      StringBuilder sb = new StringBuilder(field);
      for (int k = 0; k < level; k++) {
        sb.append('[').append(index[k]).append(']');
      }
      return sb.toString();
    }
  }

  /** A short description of a JSON value for an error message. */
  static String describe(JsonNode node) {
    if (node.isArray()) {
      return "a list of " + node.size();
    }
    if (isB64(node)) {
      return "{\"b64\": …}";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isTextual()) {
      String t = node.textValue();
      return "the string \"" + (t.length() > 24 ? t.substring(0, 24) + "…" : t) + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    return node.isNull() ? "null" : node.getNodeType().toString();
  }
}
