package org.odenet4j.cli.predict;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The TensorFlow Serving REST predict response, on one line: {@code {"predictions": [...]}} for a
 * row request (per example the bare value when the signature has one output, else an object {@code
 * {output: value, …}}), {@code {"outputs": value}} or {@code {"outputs": {output: value, …}}} for a
 * columnar one. Outputs are in name order.
 *
 * <p>float32 values are the shortest decimal that reads back as the same float32 (float64 alike),
 * written as Java's {@code Float.toString} does ({@code 0.25}, {@code 1.0E-5}); NaN and infinities
 * are {@code NaN}, {@code Infinity}, {@code -Infinity}, as TensorFlow Serving writes them. Integers
 * are integers, bools {@code true}/{@code false}; strings are JSON strings, or {@code {"b64": "…"}}
 * when their bytes are not UTF-8 or the output's name ends in {@code _bytes}.
 */
final class ResponseJson {
  private ResponseJson() {}

  /**
   * {@code {"predictions": [...]}}: the outputs split into their {@code rows} rows.
   *
   * @throws IllegalArgumentException when an output has not one row per example
   */
  static String predictions(Map<String, HostArray> outputs, long rows, String signature) {
    for (Map.Entry<String, HostArray> e : outputs.entrySet()) {
      HostArray a = e.getValue();
      if (a.shape().length == 0 || a.shape()[0] != rows) {
        throw new IllegalArgumentException(
            "signature "
                + signature
                + ": output "
                + e.getKey()
                + ": expected one row per instance ("
                + rows
                + "), found shape "
                + a.dims()
                + "; send the request in the columnar format, \"inputs\"");
      }
    }
    StringBuilder sb = new StringBuilder("{\"predictions\":[");
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sb.append(',');
      }
      int row = i;
      byName(sb, outputs, (name, a) -> value(sb, a, name, row * a.rowSize(), 1));
    }
    return sb.append("]}").toString();
  }

  /** {@code {"outputs": value}} (one output) or {@code {"outputs": {name: value, …}}}. */
  static String outputs(Map<String, HostArray> outputs) {
    StringBuilder sb = new StringBuilder("{\"outputs\":");
    byName(sb, outputs, (name, a) -> value(sb, a, name, 0, 0));
    return sb.append('}').toString();
  }

  /**
   * TensorFlow Serving's shape for outputs: an object by output name, or the bare value when there
   * is one output; {@code value} appends one output's value.
   */
  private static void byName(
      StringBuilder sb, Map<String, HostArray> outputs, BiConsumer<String, HostArray> value) {
    boolean single = outputs.size() == 1;
    if (!single) {
      sb.append('{');
    }
    boolean first = true;
    for (Map.Entry<String, HostArray> e : outputs.entrySet()) {
      if (!single) {
        if (!first) {
          sb.append(',');
        }
        string(sb, e.getKey());
        sb.append(':');
      }
      first = false;
      value.accept(e.getKey(), e.getValue());
    }
    if (!single) {
      sb.append('}');
    }
  }

  /**
   * The sub-array at flat offset {@code offset} spanning dimensions {@code dim..} as nested lists.
   */
  private static void value(StringBuilder sb, HostArray a, String name, int offset, int dim) {
    long[] shape = a.shape();
    if (dim == shape.length) {
      scalar(sb, a, name, offset);
      return;
    }
    int stride = 1;
    for (int k = dim + 1; k < shape.length; k++) {
      stride *= (int) shape[k];
    }
    sb.append('[');
    for (int i = 0; i < shape[dim]; i++) {
      if (i > 0) {
        sb.append(',');
      }
      value(sb, a, name, offset + i * stride, dim + 1);
    }
    sb.append(']');
  }

  private static void scalar(StringBuilder sb, HostArray a, String name, int i) {
    switch (a.dtype()) {
      case DT_FLOAT -> sb.append(shortest(((float[]) a.values())[i]));
      case DT_DOUBLE -> sb.append(shortest(((double[]) a.values())[i]));
      case DT_INT32 -> sb.append(((int[]) a.values())[i]);
      case DT_INT64 -> sb.append(((long[]) a.values())[i]);
      case DT_UINT8 -> sb.append(((byte[]) a.values())[i] & 0xff);
      case DT_BOOL -> sb.append(((boolean[]) a.values())[i]);
      case DT_STRING -> bytes(sb, ((byte[][]) a.values())[i], name.endsWith("_bytes"));
      default -> throw new IllegalStateException("dtype " + a.dtype());
    }
  }

  /** A string value: JSON text when UTF-8 (and not forced to base64), else {"b64": "…"}. */
  static void bytes(StringBuilder sb, byte[] bytes, boolean forceB64) {
    String text = forceB64 ? null : utf8(bytes);
    if (text == null) {
      sb.append("{\"b64\":\"").append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
    } else {
      string(sb, text);
    }
  }

  /** The bytes as strict UTF-8, or null when they are not UTF-8. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A JSON string literal. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * The shortest decimal that reads back as {@code f} (among those, the nearest), in {@code
   * Float.toString}'s layout: plain for 10⁻³ ≤ |f| < 10⁷ ({@code 0.873}, {@code 3.0}), else
   * scientific ({@code 1.0E-5}); {@code NaN}, {@code Infinity}, {@code -Infinity} as they are.
   * (Java 17's own {@code Float.toString} sometimes prints more digits than needed.)
   */
  static String shortest(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return Float.toString(f);
    }
    if (f == 0) {
      return Float.floatToRawIntBits(f) == 0 ? "0.0" : "-0.0";
    }
    BigDecimal exact = new BigDecimal(f);
    int lo =
        2; // as Float.toString: of the decimals that round-trip, the shortest of 2 or more digits
    int hi = 9; // 9 significant digits always read back as the same float
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Float.parseFloat(round(exact, mid).toString()) == f) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return layout(round(exact, lo));
  }

  /** As {@link #shortest(float)}, for float64 (up to 17 digits). */
  static String shortest(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    int lo = 2;
    int hi = 17;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.parseDouble(round(exact, mid).toString()) == d) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return layout(round(exact, lo));
  }

  private static BigDecimal round(BigDecimal exact, int digits) {
    return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static final BigDecimal PLAIN_MIN = new BigDecimal("0.001");
  private static final BigDecimal PLAIN_MAX = new BigDecimal("10000000");

  /** Float.toString's layout of a decimal without trailing zeros. */
  private static String layout(BigDecimal v) {
    BigDecimal abs = v.abs();
    if (abs.compareTo(PLAIN_MIN) >= 0 && abs.compareTo(PLAIN_MAX) < 0) {
      String plain = v.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    String digits = abs.unscaledValue().toString();
    int exponent = digits.length() - 1 - v.scale();
    StringBuilder sb = new StringBuilder();
    if (v.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0)).append('.');
    sb.append(digits.length() > 1 ? digits.substring(1) : "0");
    return sb.append('E').append(exponent).toString();
  }
}
