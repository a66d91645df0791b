package org.odenet4j.cli.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.nativelib.NativeProfile;
import org.odenet4j.nativelib.OneDnn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odenet tune}: measures, on this machine, whether inference and training run faster with
 * TensorFlow's oneDNN kernels on or off, and remembers the answer ({@link NativeProfile}) for the
 * commands that follow ({@link NativeLaunch}).
 *
 * <p>Each measurement is a fresh JVM ({@link TuneProbe}) with {@value OneDnn#VARIABLE} set, since
 * TensorFlow reads the switch once per process; the two settings alternate, round after round, so a
 * drift in machine load hits both. Inference is scored by the geometric mean of the medians at
 * batch 128 and batch 1, training by the median step at batch 128. oneDNN stays on (TensorFlow's
 * default) unless off is faster by more than {@link #MARGIN}: on a tie the default is kept.
 */
@Command(
    name = "tune",
    description = {
      "Measure whether inference and training run faster with oneDNN on or off on this machine,"
          + " and remember it for later odenet commands (takes a few minutes).",
      "A library user sets the printed TF_ENABLE_ONEDNN_OPTS in the environment of the JVM."
    })
public final class TuneCommand implements Callable<Integer> {
  /** Off must be faster than on by more than this fraction to be chosen. */
  static final double MARGIN = 0.03;

  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      split = ",",
      paramLabel = "JOB",
      description = "Jobs to measure: inference, training (default: both).")
  List<String> jobs = List.of("inference", "training");

  @Option(names = "--rounds", description = "Rounds of on/off measurements (default: 2).")
  int rounds = 2;

  @Option(
      names = "--width",
      description = "Width of the measured image model (default: 16, the benchmarks' model).")
  int width = 16;

  @Option(
      names = "--basis",
      description = "Basis of its ODE blocks (default: piecewise_constant:16).")
  String basis = "piecewise_constant:16";

  @Option(names = "--steps", description = "Euler steps per block (default: 16).")
  int steps = 16;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Time inference on this exported version, loaded as TensorFlow Serving loads it"
              + " (default: the built-in model's graph). Training always uses the built-in model.")
  Path model;

  @Option(
      names = "--quick",
      description = "A small model and few calls: checks the plumbing, not a choice to keep.")
  boolean quick;

  @Option(
      names = "--profile",
      description =
          "Profile file to write (default: $ODENET4J_NATIVE_PROFILE, else"
              + " ~/.config/odenet4j/native.properties).")
  Path profile;

  @Option(names = "--json", description = "One line of JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds: expected at least 1, found " + rounds);
    }
    List<NativeJob> measured = jobs.stream().map(NativeJob::ofKey).distinct().toList();
    if (model != null && !Files.isRegularFile(model.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          "--model: expected a SavedModel version directory (with saved_model.pb), found " + model);
    }
    Path file = profile != null ? profile : NativeProfile.defaultPath(System.getenv());
    PrintWriter err = spec.commandLine().getErr();
    Map<NativeJob, NativeProfile.Choice> choices = new EnumMap<>(NativeJob.class);
    choices.putAll(choicesToKeep(file, err));
    ObjectNode report = new ObjectMapper().createObjectNode();
    for (NativeJob job : measured) {
      Timing t = measure(job, err);
      choices.put(job, t.choice());
      t.writeTo(report.putObject(job.key()));
    }
    NativeProfile result =
        new NativeProfile(
            NativeProfile.thisCpu(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            choices);
    result.write(file);
    report.put("profile", file.toString());
    report.put("cpu", result.cpu());
    report.put("inference_model", model == null ? "built-in" : model.toString());
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report + "\n" : table(result, measured, file));
    out.flush();
    return 0;
  }

  /** One job's scores per round, oneDNN on and off (NaN: that run failed). */
  record Timing(double[] on, double[] off) {
    NativeProfile.Choice choice() {
      return new NativeProfile.Choice(choose(median(on), median(off)), median(on), median(off));
    }

    void writeTo(ObjectNode json) {
      NativeProfile.Choice c = choice();
      json.put("onednn", OneDnn.describe(c.oneDnn()));
      number(json, "on_ms", c.onMillis());
      number(json, "off_ms", c.offMillis());
      Arrays.stream(on).forEach(ms -> number(json.withArray("on_rounds_ms"), ms));
      Arrays.stream(off).forEach(ms -> number(json.withArray("off_rounds_ms"), ms));
    }

    private static void number(ObjectNode json, String key, double ms) {
      if (Double.isNaN(ms)) {
        json.putNull(key);
      } else {
        json.put(key, ms);
      }
    }

    private static void number(com.fasterxml.jackson.databind.node.ArrayNode json, double ms) {
      if (Double.isNaN(ms)) {
        json.addNull();
      } else {
        json.add(ms);
      }
    }
  }

  /** Both settings of {@code job}, alternating which goes first, round after round. */
  private Timing measure(NativeJob job, PrintWriter err) {
    double[] on = new double[rounds];
    double[] off = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        boolean withOneDnn = (k + round) % 2 == 0;
        err.printf(
            Locale.ROOT,
            "odenet: tune: %s, oneDNN %s, round %d%n",
            job.key(),
            OneDnn.describe(withOneDnn),
            round + 1);
        err.flush();
        (withOneDnn ? on : off)[round] = score(job, withOneDnn);
      }
    }
    if (Double.isNaN(median(on)) && Double.isNaN(median(off))) {
      throw new IllegalStateException(
          "tune: " + job.key() + " failed with oneDNN on and off; nothing was written");
    }
    return new Timing(on, off);
  }

  /**
   * The choices of the profile already in {@code file} for this machine, which a tune of some jobs
   * keeps for the others; a malformed profile is replaced (tune is how it gets mended), with a
   * warning.
   */
  private static Map<NativeJob, NativeProfile.Choice> choicesToKeep(Path file, PrintWriter err) {
    try {
      return NativeProfile.read(file)
          .filter(NativeProfile::fitsThisMachine)
          .map(NativeProfile::choices)
          .orElse(Map.of());
    } catch (IllegalArgumentException e) {
      err.println("odenet: warning: " + e.getMessage() + "; writing a new profile");
      return Map.of();
    }
  }

  /**
   * On unless off is faster by more than {@link #MARGIN}, or on failed (NaN: its probe crashed or
   * exited without a result); off when on failed.
   */
  static boolean choose(double onMs, double offMs) {
    if (Double.isNaN(onMs)) {
      return false;
    }
    return Double.isNaN(offMs) || offMs >= onMs * (1 - MARGIN);
  }

  static String table(NativeProfile p, List<NativeJob> measured, Path file) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "%-10s %14s %14s  %s%n", "job", "oneDNN on", "oneDNN off", "choice"));
    for (NativeJob job : measured) {
      NativeProfile.Choice c = p.choices().get(job);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-10s %14s %14s  %s=%s%n",
              job.key(),
              millis(c.onMillis()),
              millis(c.offMillis()),
              OneDnn.VARIABLE,
              c.oneDnn() ? "1" : "0"));
    }
    sb.append("profile    ").append(file).append('\n');
    sb.append("cpu        ").append(p.cpu()).append('\n');
    return sb.toString();
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "failed" : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  /** Inference: geometric mean of batch 128 and batch 1; training: the batch-128 step. */
  private double score(NativeJob job, boolean on) {
    int big = quick ? 16 : 128;
    if (job == NativeJob.TRAINING) {
      return probe(job, on, big, quick ? 1 : 2, quick ? 2 : 6);
    }
    double batched = probe(job, on, big, quick ? 1 : 3, quick ? 3 : 10);
    if (Double.isNaN(batched)) {
      return Double.NaN;
    }
    double single = probe(job, on, 1, quick ? 2 : 20, quick ? 5 : 60);
    return Math.sqrt(batched * single);
  }

  /** One {@link TuneProbe} run in a fresh JVM; its median ms per call. */
  private double probe(NativeJob job, boolean on, int batch, int warmup, int calls) {
    List<String> cmd = NativeLaunch.javaCommand(List.of(), TuneProbe.class.getName());
    if (model != null && job == NativeJob.INFERENCE) {
      cmd.addAll(List.of("saved-model", model.toAbsolutePath().toString()));
    } else {
      cmd.addAll(
          List.of(
              job.key(),
              String.valueOf(quick ? 4 : width),
              quick ? "piecewise_constant:2" : basis,
              String.valueOf(quick ? 2 : steps)));
    }
    cmd.addAll(List.of(String.valueOf(batch), String.valueOf(warmup), String.valueOf(calls)));
    Path log = null;
    try {
      log = Files.createTempFile("odenet-tune", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(OneDnn.environment(on));
      pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
      Process p = pb.start();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("tune: " + job.key() + " probe did not finish in 30 min");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("median_ms=")) {
          return Double.parseDouble(line.substring("median_ms=".length()));
        }
      }
      // a probe that crashed or failed leaves this setting out (NaN), loudly
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "odenet: warning: tune: "
              + job.key()
              + " with oneDNN "
              + OneDnn.describe(on)
              + " failed (exit "
              + p.exitValue()
              + "), not chosen: "
              + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
      err.flush();
      return Double.NaN;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tune: interrupted", e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temporary file
        }
      }
    }
  }

  /** The median, NaN if any value is NaN (a setting that failed once is not chosen). */
  private static double median(double[] values) {
    return Arrays.stream(values).anyMatch(Double::isNaN)
        ? Double.NaN
        : TuneProbe.median(values.clone());
  }
}
