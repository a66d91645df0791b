package org.odenet4j.cli.common;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.compression.Method;

/**
 * Parsing of option values that picocli leaves as text, with messages that name the option, what
 * was expected and what was found. Everything throws {@link IllegalArgumentException}, which {@link
 * Errors} turns into {@code odenet: error: <message>} and exit 2.
 */
public final class Args {
  /** A plain decimal number: no hex, no {@code d}/{@code f} suffix, no NaN or Infinity. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private Args() {}

  /** Where a training progress bar goes ({@code null}: nowhere) and whether it redraws one line. */
  public record Progress(PrintWriter out, boolean live) {}

  /**
   * {@code --progress auto|live|lines|none}: auto is live on a console, lines otherwise; none
   * prints nothing.
   */
  public static Progress progress(String mode, PrintWriter err) {
    return switch (mode) {
      case "live" -> new Progress(err, true);
      case "lines" -> new Progress(err, false);
      case "none" -> new Progress(null, false);
      case "auto" -> new Progress(err, System.console() != null);
      default ->
          throw new IllegalArgumentException(
              "--progress: expected auto, live, lines or none, found " + mode);
    };
  }

  /** A basis {@code family:K}, e.g. {@code piecewise_constant:16}. */
  public static Basis basis(String option, String text) {
    try {
      return BasisSpec.parse(text).basis();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /**
   * A change-of-basis method, {@code projection} or {@code interpolation} (case-insensitive, as
   * everywhere): errors name {@code option} instead of the library's {@code method}.
   */
  public static Method method(String option, String text) {
    try {
      return Method.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + e.getMessage().substring("method".length()), e);
    }
  }

  /** A comma-separated list of finite numbers, at least one. */
  public static double[] numbers(String option, String text) {
    String expected = option + ": expected a comma-separated list of numbers";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(expected + ", found nothing");
    }
    String[] parts = text.split(",", -1);
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            expected + ", found an empty entry at position " + (i + 1) + " in '" + text + "'");
      }
      if (!NUMBER.matcher(part).matches()) {
        throw new IllegalArgumentException(
            expected + ", found '" + part + "' at position " + (i + 1));
      }
      double value = Double.parseDouble(part);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            option
                + ": expected finite numbers, found '"
                + part
                + "' at position "
                + (i + 1)
                + " (out of double range)");
      }
      values[i] = value;
    }
    return values;
  }

  /** Exactly {@code basis.size()} coefficients. */
  public static double[] coefficients(String option, String text, Basis basis) {
    double[] c = numbers(option, text);
    if (c.length != basis.size()) {
      throw new IllegalArgumentException(
          option
              + ": expected "
              + basis.size()
              + " numbers for "
              + basis.spec()
              + ", found "
              + c.length);
    }
    return c;
  }

  /** Depths t, each in [0, 1]. */
  public static double[] depths(String option, String text) {
    double[] t = numbers(option, text);
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] >= 0.0 && t[i] <= 1.0)) {
        throw new IllegalArgumentException(
            option + ": expected depths t in [0, 1], found " + t[i] + " at position " + (i + 1));
      }
    }
    return t;
  }

  /**
   * A file a command writes when its work is done (a plot, say), checked before the work starts:
   * not a directory, and the nearest existing folder on its path is a writable folder (missing
   * folders are created then).
   */
  public static Path outputFile(String option, Path file) {
    Path abs = file.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw new IllegalArgumentException(
          option + ": expected a file to write, found " + file + ", a directory");
    }
    for (Path p = abs.getParent(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        if (!Files.isWritable(p)) {
          throw new IllegalArgumentException(
              option
                  + ": expected a writable folder to write "
                  + file
                  + " in, found "
                  + p
                  + ", read-only");
        }
        break;
      }
      if (Files.exists(p)) {
        throw new IllegalArgumentException(
            option + ": expected a folder to write " + file + " in, found " + p + ", a file");
      }
    }
    return file;
  }

  /**
   * A folder a command creates or publishes into (a model base), checked before the work starts: a
   * writable folder, or a path whose nearest existing folder is writable (the missing folders are
   * created then); never a file or a path under a file.
   */
  public static Path outputFolder(String option, Path dir) {
    Path abs = dir.toAbsolutePath();
    for (Path p = abs; p != null; p = p.getParent()) {
      String what = p.equals(abs) ? "" : " to create " + dir + " in";
      if (Files.isDirectory(p)) {
        if (!Files.isWritable(p)) {
          throw new IllegalArgumentException(
              option + ": expected a writable folder" + what + ", found " + p + ", read-only");
        }
        return dir;
      }
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException(
            option
                + ": expected a folder"
                + what
                + ", found "
                + p
                + (Files.isRegularFile(p) ? ", a file" : ", not a folder"));
      }
    }
    return dir;
  }
}
