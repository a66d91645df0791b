package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Checksums and sizes of a SavedModel's {@code variables/} files. */
public final class Checksums {
  private Checksums() {}

  /** The regular files of {@code variables/}, sorted by name. */
  public static List<Path> variablesFiles(Path versionDir) {
    Path vars = versionDir.resolve("variables");
    if (!Files.isDirectory(vars)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(vars)) {
      return s.filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(vars + ": cannot list", e);
    }
  }

  /** Name → size in bytes of every file of {@code variables/}. */
  public static Map<String, Long> variablesSizes(Path versionDir) {
    Map<String, Long> sizes = new TreeMap<>();
    for (Path p : variablesFiles(versionDir)) {
      try {
        sizes.put(p.getFileName().toString(), Files.size(p));
      } catch (IOException e) {
        throw new UncheckedIOException(p + ": cannot stat", e);
      }
    }
    return sizes;
  }

  /**
   * SHA-256 (hex) over the files of {@code variables/} in name order: for each file its name in
   * UTF-8, a NUL byte, then its bytes.
   */
  public static String variablesSha256(Path versionDir) {
    MessageDigest md = sha256();
    for (Path p : variablesFiles(versionDir)) {
      md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      update(md, p);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** SHA-256 (hex) of one file, read in blocks (data files may be large). */
  public static String sha256(Path file) {
    MessageDigest md = sha256();
    update(md, file);
    return HexFormat.of().formatHex(md.digest());
  }

  /** Feeds the bytes of {@code file} to {@code md}, in blocks. */
  private static void update(MessageDigest md, Path file) {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read", e);
    }
  }

  /** Total size of all regular files under {@code dir}. */
  public static long treeBytes(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot walk", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
