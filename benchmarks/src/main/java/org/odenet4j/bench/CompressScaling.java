package org.odenet4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Scaling of compression cost with the model: for each width w (16, 32, 64: about 4× the parameters
 * each), exports a 32×32×3 image model (three blocks, Euler, piecewise_constant:16, N = 16,
 * independent coefficients, seeded random values) to {@code OUT/w<w>/src/1}, then runs {@code
 * odenet compress SRC --basis piecewise_constant:8 --json} {@value #RUNS} times, each in a fresh
 * JVM under {@code /usr/bin/time -v} so its peak resident set is the compression's alone (each run
 * publishes a new version under {@code OUT/w<w>/dst}). Prints one JSON line per width: parameters
 * and bytes before/after, the three wall times and their median, the compressor's own median
 * seconds (from its report, without JVM start-up) and the largest peak RSS.
 *
 * <pre>
 *   CompressScaling OUT_DIR WIDTH…
 * </pre>
 *
 * <p>The child JVM is {@code java.home}'s java with this JVM's class path (which holds the cli
 * module) and {@code TF_CPP_MIN_LOG_LEVEL=2}; extra JVM options for it can be given as the system
 * property {@code scaling.jvmArgs} (space-separated, e.g. {@code -Dscaling.jvmArgs=-Xmx2g}).
 * Existing {@code OUT/w<w>} directories are replaced.
 */
public final class CompressScaling {
  /** Compressions per width. */
  static final int RUNS = 3;

  static final String SOURCE_BASIS = "piecewise_constant:16";
  static final String TARGET_BASIS = "piecewise_constant:8";
  static final long SEED = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompressScaling() {}

  /** One compression: wall time and peak RSS from time -v, the report from the command's stdout. */
  record Run(double wallSeconds, long maxRssKiB, JsonNode report) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CompressScaling OUT_DIR WIDTH…");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    for (int i = 1; i < args.length; i++) {
      int width = Integer.parseInt(args[i]);
      Path base = out.resolve("w" + width);
      BenchExports.deleteTree(base);
      ImageModelSpec spec = spec(width);
      long t0 = System.nanoTime();
      Path src = exportSource(spec, base.resolve("src"));
      double exportSeconds = (System.nanoTime() - t0) / 1e9;
      List<Run> runs = new ArrayList<>();
      for (int r = 1; r <= RUNS; r++) {
        runs.add(compress(src, base.resolve("dst"), base.resolve("run-" + r)));
      }
      System.out.println(line(width, src, exportSeconds, runs));
      System.out.flush();
    }
  }

  /**
   * The model at width {@code width}: 32×32×3, 10 classes, relu, 3 × piecewise_constant:16
   * / 16 Euler, ε = 1.
   */
  static ImageModelSpec spec(int width) {
    OdeBlockSpec b = new OdeBlockSpec(SOURCE_BASIS, 16, "euler", 1.0, CoefficientInit.INDEPENDENT);
    return new ImageModelSpec(List.of(32, 32, 3), width, 10, "relu", List.of(b, b, b), 1.0);
  }

  /**
   * Exports {@code spec} with its seeded initial values as version 1 under {@code base}; returns
   * the version directory.
   */
  static Path exportSource(ImageModelSpec spec, Path base) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, SEED).withoutLoggedWarnings();
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        return Exporter.to(base)
            .graph(ModelExport.of(spec))
            .valuesFrom(s)
            .version(1)
            .source("odenet4j benchmarks: CompressScaling width " + spec.width(), null)
            .export()
            .directory();
      }
    }
  }

  /**
   * Runs {@code odenet compress} once in a fresh JVM under {@code /usr/bin/time -v}; logs go to
   * {@code logs.*}.
   */
  static Run compress(Path src, Path dst, Path logs) throws IOException, InterruptedException {
    Path timeFile = Path.of(logs + ".time");
    Path stdout = Path.of(logs + ".out");
    Path stderr = Path.of(logs + ".err");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/time",
                "-v",
                "-o",
                timeFile.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String jvmArgs = System.getProperty("scaling.jvmArgs", "").trim();
    if (!jvmArgs.isEmpty()) {
      cmd.addAll(Arrays.asList(jvmArgs.split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "org.odenet4j.cli.Main",
            "compress",
            src.toString(),
            "--out",
            dst.toString(),
            "--basis",
            TARGET_BASIS,
            "--json"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    int exit = pb.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException(
          "compress of "
              + src
              + " exited "
              + exit
              + ":\n"
              + Files.readString(stderr)
              + (Files.exists(timeFile) ? Files.readString(timeFile) : ""));
    }
    JsonNode report = null;
    for (String l : Files.readAllLines(stdout)) {
      if (l.startsWith("{")) {
        report = JSON.readTree(l);
      }
    }
    if (report == null) {
      throw new IllegalStateException(
          "compress of " + src + ": no JSON report on stdout (" + stdout + ")");
    }
    double wall = Double.NaN;
    long rss = -1;
    for (String l : Files.readAllLines(timeFile)) {
      String t = l.trim();
      if (t.startsWith("Elapsed (wall clock) time")) {
        wall = clockSeconds(t.substring(t.lastIndexOf(' ') + 1));
      } else if (t.startsWith("Maximum resident set size")) {
        rss = Long.parseLong(t.substring(t.lastIndexOf(' ') + 1));
      }
    }
    if (Double.isNaN(wall) || rss < 0) {
      throw new IllegalStateException(
          "compress of " + src + ": no wall time or peak RSS in " + timeFile);
    }
    return new Run(wall, rss, report);
  }

  /** GNU time's {@code h:mm:ss} or {@code m:ss.ss} → seconds. */
  static double clockSeconds(String text) {
    double s = 0;
    for (String part : text.split(":")) {
      s = 60 * s + Double.parseDouble(part);
    }
    return s;
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String line(int width, Path src, double exportSeconds, List<Run> runs) {
    JsonNode r = runs.get(0).report();
    List<Double> wall = runs.stream().map(Run::wallSeconds).toList();
    List<Double> own = runs.stream().map(x -> x.report().get("seconds").asDouble()).toList();
    long maxRss = runs.stream().mapToLong(Run::maxRssKiB).max().orElse(-1);
    return String.format(
        Locale.ROOT,
        "{\"width\":%d,\"source\":\"%s\",\"source_basis\":\"%s\",\"target_basis\":\"%s\",\"runs\":%d,"
            + "\"parameters_before\":%d,\"parameters_after\":%d,\"variables_bytes_before\":%d,\"variables_bytes_after\":%d,"
            + "\"bytes_before\":%d,\"bytes_after\":%d,\"wall_seconds\":[%s],\"wall_seconds_median\":%.3f,"
            + "\"compressor_seconds\":[%s],\"compressor_seconds_median\":%.3f,\"peak_rss_mib\":[%s],\"peak_rss_mib_max\":%.1f,"
            + "\"export_seconds\":%.2f}",
        width,
        src,
        SOURCE_BASIS,
        TARGET_BASIS,
        runs.size(),
        r.get("parameters_before").asLong(),
        r.get("parameters_after").asLong(),
        r.get("variables_bytes_before").asLong(),
        r.get("variables_bytes_after").asLong(),
        r.get("bytes_before").asLong(),
        r.get("bytes_after").asLong(),
        join(wall, "%.3f"),
        median(wall),
        join(own, "%.3f"),
        median(own),
        runs.stream()
            .map(x -> String.format(Locale.ROOT, "%.1f", x.maxRssKiB() / 1024.0))
            .collect(Collectors.joining(",")),
        maxRss / 1024.0,
        exportSeconds);
  }

  private static String join(List<Double> values, String format) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, format, v))
        .collect(Collectors.joining(","));
  }
}
