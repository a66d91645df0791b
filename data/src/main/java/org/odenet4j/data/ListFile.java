package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text format of {@link Vocabulary} and {@link TagSet} files: a header line, a line {@code #
 * key=value …} that includes {@code size=N}, then one item per line.
 *
 * @param file the file's name, for messages
 * @param properties the {@code key=value} pairs of line 2
 * @param items the item lines
 */
record ListFile(String file, Map<String, String> properties, List<String> items) {

  /** The file's text: header, properties line with the item count, one item per line. */
  static String text(String header, String properties, List<String> items) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    sb.append("# ")
        .append(properties)
        .append(properties.isEmpty() ? "" : " ")
        .append("size=")
        .append(items.size())
        .append('\n');
    for (String item : items) {
      sb.append(item).append('\n');
    }
    return sb.toString();
  }

  /**
   * Reads and checks the header, the properties line and the item count ({@code itemName} for
   * messages).
   */
  static ListFile read(Path file, String header, String itemName) throws IOException {
    String name = file.toString();
    List<String> lines = DataFiles.readUtf8(file).lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new DataFormatException(
          name,
          "line 1",
          "'" + header + "'",
          lines.isEmpty() ? "empty file" : "'" + lines.get(0) + "'");
    }
    if (lines.size() < 2) {
      throw new DataFormatException(name, "line 2", "'# key=value ... size=N'", "end of file");
    }
    ListFile list =
        new ListFile(name, properties(lines.get(1), name), lines.subList(2, lines.size()));
    int size = list.integer("size", 0);
    if (list.items.size() != size) {
      throw new DataFormatException(
          name, "number of " + itemName, size + " (size= in the header)", list.items.size());
    }
    return list;
  }

  /** The value of a required property of line 2. */
  String require(String key) throws DataFormatException {
    String v = properties.get(key);
    if (v == null) {
      throw new DataFormatException(file, "line 2", key + "=...", "no " + key);
    }
    return v;
  }

  /** A required property of line 2 that is an integer >= {@code min}. */
  int integer(String key, int min) throws DataFormatException {
    String v = require(key);
    try {
      int n = Integer.parseInt(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(file, "line 2, " + key, "an integer >= " + min, "'" + v + "'");
  }

  /** A required property of line 2 that is {@code true} or {@code false}. */
  boolean bool(String key) throws DataFormatException {
    String v = require(key);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw new DataFormatException(file, "line 2, " + key, "true or false", "'" + v + "'");
  }

  /** Parses {@code "# k=v k=v"}. */
  private static Map<String, String> properties(String line, String name)
      throws DataFormatException {
    if (!line.startsWith("# ")) {
      throw new DataFormatException(name, "line 2", "'# key=value ...'", "'" + line + "'");
    }
    Map<String, String> out = new HashMap<>();
    for (String kv : line.substring(2).trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new DataFormatException(name, "line 2", "key=value", "'" + kv + "'");
      }
      out.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return out;
  }
}
