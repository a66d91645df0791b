package org.odenet4j.compression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output model base of a compression: created if missing, and when nothing gets published
 * (refused or failed), the directories this run created are removed again, each only if still
 * empty.
 */
final class OutputBase {
  private final Path base;
  private final Path created;

  private OutputBase(Path base, Path created) {
    this.base = base;
    this.created = created;
  }

  /** Creates {@code base} (and missing parents), remembering the outermost directory created. */
  static OutputBase create(Path base) {
    Path created = firstMissing(base);
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      throw new UncheckedIOException(base + ": cannot create the model base directory", e);
    }
    return new OutputBase(base, created);
  }

  /** Removes the directories {@link #create} made, innermost first, stopping at one not empty. */
  void removeCreated() {
    if (created == null) {
      return;
    }
    for (Path p = base.toAbsolutePath().normalize();
        p != null && p.startsWith(created);
        p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        break; // not empty: someone else writes here
      }
    }
  }

  private static Path firstMissing(Path dir) {
    Path missing = null;
    for (Path p = dir.toAbsolutePath().normalize();
        p != null && !Files.exists(p);
        p = p.getParent()) {
      missing = p;
    }
    return missing;
  }
}
