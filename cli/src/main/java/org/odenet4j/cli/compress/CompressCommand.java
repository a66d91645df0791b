package org.odenet4j.cli.compress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.common.Errors;
import org.odenet4j.cli.eval.EvalDataOptions;
import org.odenet4j.cli.model.BlockOption;
import org.odenet4j.compression.BlockTarget;
import org.odenet4j.compression.CompressionPlan;
import org.odenet4j.compression.CompressionReport;
import org.odenet4j.compression.CompressionResult;
import org.odenet4j.compression.Compressor;
import org.odenet4j.compression.GraphFactory;
import org.odenet4j.compression.Plots;
import org.odenet4j.compression.SourceModel;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.integrate.Scheme;
import org.tensorflow.TensorFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet compress SRC --out BASE [--basis F:M] [--steps N] [--scheme S] [--block
 * NAME=F:M/N/S …] [--method projection|interpolation] [--tolerance r] [data flags [--max-drop p]
 * [--recalibrate-bn BATCHES]] [--version V] [--plot-weights PNG] [--json]}.
 *
 * <p>Projects every ODE block's coefficients (parameters and continuous-BN statistics) onto the
 * target basis with the exact operators, in double precision. The new K, N and scheme go into a new
 * version under BASE, published atomically; SRC is never modified and never run. Prints a table, or
 * one line of JSON. With the data flags of {@code odenet eval}, the command also measures accuracy
 * and latency before and after (that runs both models on the test split). {@code --max-drop p} then
 * refuses to publish when accuracy falls by more than p percentage points: exit {@value #REFUSED},
 * nothing written. Bad input exits 2 with one line.
 */
@Command(
    name = "compress",
    description =
        "Project a SavedModel's ODE blocks onto a smaller basis (and fewer steps) and publish a new version.")
public final class CompressCommand implements Callable<Integer> {
  /** Exit code when the accuracy gate refuses to publish. */
  public static final int REFUSED = 3;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SRC",
      description = "Source version directory (or a model base: its latest version).")
  Path source;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "BASE",
      description = "Model base directory for the new version.")
  Path out;

  @Option(
      names = "--basis",
      paramLabel = "F:M",
      description =
          "Target basis of every block (default: the source's; with --tolerance, the largest K).")
  String basis;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Target integration steps of every block (default: the source's).")
  Integer steps;

  @Option(
      names = "--scheme",
      paramLabel = "S",
      description =
          "Target scheme of every block: euler, midpoint, rk4, rk4_38 (default: the source's).")
  String scheme;

  @Option(
      names = "--block",
      paramLabel = "NAME=F:M/N/S",
      description =
          "Target of one block, e.g. stage3/block=piecewise_constant:4/8/rk4 (repeatable).")
  List<String> blocks = new ArrayList<>();

  @Option(
      names = "--method",
      defaultValue = "projection",
      description = "projection (exact L2, default) or interpolation.")
  String method;

  @Option(
      names = "--tolerance",
      paramLabel = "r",
      description =
          "Per block, the smallest candidate K (<= the target's K) whose exact relative L2 error of the block's parameters is <= r (no data). Candidates: divisors of the source's K for piecewise_constant -> piecewise_constant, else every K valid for the family.")
  Double tolerance;

  @Mixin EvalDataOptions data;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Evaluation and recalibration batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--max-drop",
      paramLabel = "p",
      description =
          "With data: refuse to publish (exit 3) if accuracy falls by more than p percentage points.")
  Double maxDrop;

  @Option(
      names = "--recalibrate-bn",
      paramLabel = "BATCHES",
      description =
          "Re-estimate BatchNorm statistics on this many unlabelled training batches after projection (beyond the paper; off by default).")
  Integer recalibrate;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "Version number (default: the next free one under BASE).")
  Long version;

  @Option(
      names = "--graph",
      paramLabel = "CLASS",
      description =
          "GraphFactory class on the class path, to rebuild a custom graph (no model spec).")
  String graphClass;

  @Option(
      names = "--plot-weights",
      paramLabel = "PNG",
      description = "Plot a few weights' θ(t) over depth before and after.")
  Path plotWeights;

  @Option(names = "--json", description = "One line of JSON instead of a table.")
  boolean json;

  // --version is the output's version number here, which hides the inherited standard options:
  // declare help again
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() {
    warmUpTensorFlow();
    CompressionPlan plan = plan(basis, steps, scheme, blocks, method, tolerance);
    if (maxDrop != null && !data.given()) {
      throw new IllegalArgumentException(
          "--max-drop: expected data flags (--data NAME, or --test-images/--test-labels, or --test-text/--format), found none");
    }
    if (recalibrate != null && !data.given()) {
      throw new IllegalArgumentException(
          "--recalibrate-bn: expected data flags to draw unlabelled batches from, found none");
    }
    if (recalibrate != null && recalibrate < 1) {
      throw new IllegalArgumentException(
          "--recalibrate-bn: expected a number of batches >= 1, found " + recalibrate);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch: expected >= 1, found " + batch);
    }
    Args.outputFolder("--out", out); // a base that cannot be created fails now, not after the work
    if (plotWeights != null) {
      Args.outputFile("--plot-weights", plotWeights); // it is written after publishing: check now
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    GraphFactory graph = GraphClass.load(graphClass);
    CompressionResult result;
    try (SourceModel src = SourceModel.open(source)) {
      Compressor compressor = Compressor.of(plan);
      if (graph != null) {
        compressor.graph(graph);
      }
      if (version != null) {
        compressor.version(version);
      }
      DataScoring.Batches batches = null;
      try {
        if (data.given()) {
          EvaluationData test = DataScoring.load(data, src);
          compressor.scorer(DataScoring.scorer(test, batch));
          if (maxDrop != null) {
            compressor.maxDropPoints(maxDrop);
          }
          if (recalibrate != null) {
            batches = DataScoring.calibration(data, test, src.modelSpec(), recalibrate, batch);
            if (!batches.heldOut()) {
              stderr.println(
                  "odenet: warning: --recalibrate-bn: no training split with explicit test files, so the statistics come "
                      + "from the test images themselves (accuracy after is then not held out)");
              stderr.flush();
            }
            compressor.recalibrate(batches.tensors());
          }
        }
        result = compressor.compress(src, out);
      } finally {
        if (batches != null) {
          batches.close();
        }
      }
    }
    CompressionReport report = result.report();
    CompressionReport.Evaluation evaluation = report.evaluation(); // present when refused
    if (json) {
      stdout.println(report.toJson());
    } else {
      stdout.print(report.toTable());
    }
    stdout.flush();
    if (!result.published() && !Double.isFinite(evaluation.accuracy().dropPoints())) {
      stderr.println(
          Errors.PREFIX
              + String.format(
                  Locale.ROOT,
                  "--max-drop %s: expected an accuracy measured on at least one counted example before and after, found accuracy %s -> %s; nothing written",
                  trim(maxDrop),
                  evaluation.accuracy().before(),
                  evaluation.accuracy().after()));
      stderr.flush();
      return REFUSED;
    }
    if (!result.published()) {
      stderr.println(
          Errors.PREFIX
              + String.format(
                  Locale.ROOT,
                  "--max-drop %s: expected an accuracy drop of at most %s percentage points, found %s (%.2f %% -> %.2f %%); nothing written",
                  trim(maxDrop),
                  trim(maxDrop),
                  points(evaluation.accuracy().dropPoints()),
                  100 * evaluation.accuracy().before(),
                  100 * evaluation.accuracy().after()));
      stderr.flush();
      return REFUSED;
    }
    if (plotWeights != null && !result.traces().isEmpty()) {
      Plots.weights(result.traces(), plotWeights);
    }
    return 0;
  }

  /**
   * Loads TensorFlow's native library on a background thread while this thread parses
   * saved_model.pb and the manifest: about a second less wall time for a one-shot command.
   */
  static void warmUpTensorFlow() {
    Thread t = new Thread(TensorFlow::version, "odenet-tf-load");
    t.setDaemon(true);
    t.start();
  }

  /** The plan from the target flags (shared with {@code odenet sweep}'s validation). */
  static CompressionPlan plan(
      String basis,
      Integer steps,
      String scheme,
      List<String> blocks,
      String method,
      Double tolerance) {
    if (basis != null) {
      Args.basis("--basis", basis);
    }
    if (steps != null && steps < 1) {
      throw new IllegalArgumentException("--steps: expected N >= 1, found " + steps);
    }
    if (scheme != null) {
      try {
        Scheme.byName(scheme);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--" + e.getMessage(), e);
      }
    }
    CompressionPlan plan = CompressionPlan.keep().withAll(new BlockTarget(basis, steps, scheme));
    for (String text : blocks) {
      BlockOption b = BlockOption.parse(text);
      try {
        plan = plan.withBlock(b.name(), new BlockTarget(b.basis(), b.steps(), b.scheme()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--block " + b.name() + ": " + e.getMessage(), e);
      }
    }
    plan = plan.withMethod(Args.method("--method", method));
    if (tolerance != null) {
      try {
        plan = plan.withTolerance(tolerance);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--" + e.getMessage(), e);
      }
    }
    return plan;
  }

  /**
   * A drop in points to 6 decimals without trailing zeros (0.51, never "0.50" for a drop above a
   * 0.5 limit).
   */
  static String points(double d) {
    return new java.math.BigDecimal(d)
        .setScale(6, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String trim(Double d) {
    return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
  }
}
