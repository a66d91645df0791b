package org.odenet4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The JSON-lines metrics log of a run: emptied at the start, one line per epoch. */
final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** A log into {@code file}, or none for null. */
  MetricsLog(Path file) {
    this.file = file;
  }

  void truncate() {
    if (file == null) {
      return;
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the metrics log", e);
    }
  }

  void append(EpochMetrics m) {
    if (file == null) {
      return;
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      w.write(JSON.writeValueAsString(m.toMap()));
      w.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot append to the metrics log", e);
    }
  }
}
