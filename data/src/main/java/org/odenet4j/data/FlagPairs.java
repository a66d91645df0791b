package org.odenet4j.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line style {@code --flag value} pairs for the data sources' {@code fromArgs}: every flag
 * must be one of the known ones and must have a value; a later flag wins over an earlier one.
 */
final class FlagPairs {
  private final Map<String, String> values;

  private FlagPairs(Map<String, String> values) {
    this.values = values;
  }

  static FlagPairs parse(String what, List<String> known, String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!known.contains(flag)) {
        throw new IllegalArgumentException(
            what + " argument: expected one of " + String.join(", ", known) + ", found " + flag);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + ": expected a value, found end of arguments");
      }
      values.put(flag, args[++i]);
    }
    return new FlagPairs(values);
  }

  String text(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }

  Path path(String flag, Path fallback) {
    String v = values.get(flag);
    return v == null ? fallback : Path.of(v);
  }

  int integer(String flag, int fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": expected an integer, found '" + v + "'");
    }
  }

  boolean has(String flag) {
    return values.containsKey(flag);
  }
}
