package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The numbered version directories under a model base ({@code BASE/1}, {@code BASE/2}, …). */
final class Versions {
  /** A version directory's name: decimal digits, at most 18 (fits a long). */
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

  private Versions() {}

  /** The numeric version directories under {@code base}, ascending; empty if there is no base. */
  static List<Long> list(Path base) {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    TreeSet<Long> found = new TreeSet<>();
    try (Stream<Path> s = Files.list(base)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VERSION.matcher(n).matches())
          .forEach(n -> found.add(Long.parseLong(n)));
    } catch (IOException e) {
      throw new UncheckedIOException(base + ": cannot list", e);
    }
    return List.copyOf(found);
  }

  /** One more than the largest version under {@code base}, or 1. */
  static long next(Path base) {
    return list(base).stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }
}
