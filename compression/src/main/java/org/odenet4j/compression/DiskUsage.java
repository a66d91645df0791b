package org.odenet4j.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.odenet4j.savedmodel.Checksums;

/**
 * Sizes of a SavedModel version directory.
 *
 * @param bytes all regular files under the directory
 * @param variablesBytes the files of {@code variables/}
 * @param gzipBytes all files, in path order, through one gzip stream (default level 6) plus the
 *     gzip header and trailer: what a compressing transport or archive would store
 */
public record DiskUsage(long bytes, long variablesBytes, long gzipBytes) {

  public static DiskUsage of(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot walk", e);
    }
    long bytes = 0;
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    long deflated = 0;
    byte[] in = new byte[1 << 16];
    byte[] out = new byte[1 << 16];
    try {
      for (Path p : files) {
        try (InputStream is = Files.newInputStream(p)) {
          for (int n; (n = is.read(in)) > 0; ) {
            bytes += n;
            deflater.setInput(in, 0, n);
            while (!deflater.needsInput()) {
              deflated += deflater.deflate(out);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(p + ": cannot read", e);
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        deflated += deflater.deflate(out);
      }
    } finally {
      deflater.end();
    }
    long variables =
        Checksums.variablesSizes(dir).values().stream().mapToLong(Long::longValue).sum();
    return new DiskUsage(bytes, variables, deflated + 18); // 10-byte gzip header + 8-byte trailer
  }
}
