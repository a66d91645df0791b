package org.odenet4j.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Staging directories for atomic publication: a version is written under a hidden, non-numeric
 * name ({@code .tmp-…}, which TensorFlow Serving ignores) and renamed into place; on failure the
 * staging directory is removed.
 */
public final class Staging {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Staging() {}

  /** {@code base/.tmp-<label>-<12 random hex digits>}. */
  public static Path directory(Path base, String label) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return base.resolve(".tmp-" + label + "-" + HexFormat.of().formatHex(b));
  }

  /** Deletes a directory tree, best effort (used on failure paths only). */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
