package org.odenet4j.cli.common;

/**
 * A tiny JSON writer for command output: one object on one line, keys in insertion order, numbers
 * with full double precision ({@link Double#toString(double)}). Non-finite numbers, which JSON
 * cannot represent, are written as {@code null}.
 *
 * <pre>{@code new Json().field("rows", 3).field("coeffs", new double[] {1, 2}).toString()}</pre>
 */
public final class Json {
  private final StringBuilder out = new StringBuilder("{");
  private boolean empty = true;

  public Json field(String key, String value) {
    key(key);
    string(out, value);
    return this;
  }

  public Json field(String key, long value) {
    key(key);
    out.append(value);
    return this;
  }

  public Json field(String key, double value) {
    key(key);
    number(out, value);
    return this;
  }

  public Json field(String key, double[] values) {
    key(key);
    array(out, values);
    return this;
  }

  public Json field(String key, double[][] rows) {
    key(key);
    out.append('[');
    for (int i = 0; i < rows.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      array(out, rows[i]);
    }
    out.append(']');
    return this;
  }

  /** The object, e.g. {@code {"a":1.0}}. */
  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String key) {
    if (!empty) {
      out.append(',');
    }
    empty = false;
    string(out, key);
    out.append(':');
  }

  private static void array(StringBuilder out, double[] values) {
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      number(out, values[i]);
    }
    out.append(']');
  }

  private static void number(StringBuilder out, double value) {
    out.append(Double.isFinite(value) ? Double.toString(value) : "null");
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
