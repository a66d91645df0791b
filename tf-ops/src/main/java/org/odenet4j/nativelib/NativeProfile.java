package org.odenet4j.nativelib;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The native configuration measured on one machine by {@code odenet tune} and remembered for it:
 * per {@link NativeJob}, whether oneDNN is on, with the two timings the choice was made from.
 *
 * <p>A profile belongs to the CPU it was measured on ({@link #thisCpu()}: model name, a hash of the
 * feature flags, architecture and core count). On another CPU it gives no advice ({@link
 * #oneDnn(NativeJob)} is empty), so a home directory shared between machines cannot carry one
 * machine's choice to another. The file is a small properties file, written atomically; its default
 * place is {@link #defaultPath(Map)}.
 */
public record NativeProfile(String cpu, String measured, Map<NativeJob, Choice> choices) {

  /**
   * One job's choice and the medians (ms per call) it was made from; NaN for a setting whose
   * measurement failed (stored as {@code failed}).
   */
  public record Choice(boolean oneDnn, double onMillis, double offMillis) {}

  /** The environment variable naming a profile file in place of the default one. */
  public static final String PATH_VARIABLE = "ODENET4J_NATIVE_PROFILE";

  private static final String FAILED = "failed";

  public NativeProfile {
    choices = Map.copyOf(choices);
  }

  /**
   * {@code $ODENET4J_NATIVE_PROFILE} if set, else {@code native.properties} under {@code
   * $XDG_CONFIG_HOME/odenet4j} or {@code ~/.config/odenet4j}.
   */
  public static Path defaultPath(Map<String, String> environment) {
    String explicit = environment.get(PATH_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path config =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("odenet4j").resolve("native.properties");
  }

  /** Whether this profile was measured on this machine's CPU. */
  public boolean fitsThisMachine() {
    return cpu.equals(thisCpu());
  }

  /**
   * Whether {@code job} runs faster with oneDNN on, as measured on this machine; empty when the
   * profile has no choice for the job or was measured on another CPU.
   */
  public Optional<Boolean> oneDnn(NativeJob job) {
    Choice c = choices.get(job);
    return c == null || !fitsThisMachine() ? Optional.empty() : Optional.of(c.oneDnn());
  }

  /** The profile in {@code file}; empty if there is none. Malformed files: one line, the field. */
  public static Optional<NativeProfile> read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": cannot read native profile: " + e.getMessage());
    }
    String cpu = required(p, file, "cpu");
    Map<NativeJob, Choice> choices = new EnumMap<>(NativeJob.class);
    for (NativeJob job : NativeJob.values()) {
      String choice = p.getProperty(job.key() + ".onednn");
      if (choice == null) {
        continue;
      }
      boolean on =
          switch (choice) {
            case "on" -> true;
            case "off" -> false;
            default ->
                throw new IllegalArgumentException(
                    file
                        + ": field "
                        + job.key()
                        + ".onednn: expected on or off, found '"
                        + choice
                        + "'");
          };
      choices.put(
          job,
          new Choice(
              on, millis(p, file, job.key() + ".on_ms"), millis(p, file, job.key() + ".off_ms")));
    }
    return Optional.of(new NativeProfile(cpu, p.getProperty("measured", ""), choices));
  }

  /** Writes the profile to {@code file} (a temporary file moved into place; parents created). */
  public void write(Path file) {
    Properties p = new Properties();
    p.setProperty("cpu", cpu);
    p.setProperty("measured", measured);
    choices.forEach(
        (job, c) -> {
          p.setProperty(job.key() + ".onednn", OneDnn.describe(c.oneDnn()));
          p.setProperty(job.key() + ".on_ms", millis(c.onMillis()));
          p.setProperty(job.key() + ".off_ms", millis(c.offMillis()));
        });
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".native", ".tmp");
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          p.store(w, "odenet4j native profile, written by odenet tune");
        }
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write native profile", e);
    }
  }

  /**
   * This machine's CPU as profiles name it: {@code model name | sha256(flags)[0..12] | os.arch |
   * cores}, read from {@code /proc/cpuinfo} where it exists ({@code unknown} otherwise).
   */
  public static String thisCpu() {
    String model = "unknown";
    String flags = "";
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      model = field(lines, "model name", model);
      flags = field(lines, "flags", flags);
    } catch (IOException | UncheckedIOException e) {
      // not Linux: the model stays unknown, the architecture and core count still tell CPUs apart
    }
    return model
        + " | "
        + sha256(flags).substring(0, 12)
        + " | "
        + System.getProperty("os.arch")
        + " | "
        + Runtime.getRuntime().availableProcessors();
  }

  private static String field(List<String> lines, String name, String otherwise) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return otherwise;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(Properties p, Path file, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          file + ": field " + key + ": expected a value, found none");
    }
    return v;
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? FAILED : Double.toString(ms);
  }

  private static double millis(Properties p, Path file, String key) {
    String v = required(p, file, key);
    if (v.equals(FAILED)) {
      return Double.NaN;
    }
    try {
      double ms = Double.parseDouble(v);
      if (ms > 0 && Double.isFinite(ms)) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        file
            + ": field "
            + key
            + ": expected a positive number of ms or failed, found '"
            + v
            + "'");
  }
}
