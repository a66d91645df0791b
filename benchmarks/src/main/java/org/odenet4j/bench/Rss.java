package org.odenet4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident set sizes of this process from {@code /proc/self/status}, in KiB (−1 where unavailable).
 */
public final class Rss {
  private Rss() {}

  /** VmRSS: the current resident set. */
  public static long currentKiB() {
    return field("VmRSS:");
  }

  /** VmHWM: the peak resident set so far. */
  public static long peakKiB() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
