package org.odenet4j.cli.compress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.eval.EvalDataOptions;
import org.odenet4j.compression.GraphFactory;
import org.odenet4j.compression.Method;
import org.odenet4j.compression.Plots;
import org.odenet4j.compression.SourceModel;
import org.odenet4j.compression.Sweep;
import org.odenet4j.compression.SweepResult;
import org.odenet4j.integrate.Scheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet sweep SRC [--sizes K,…] [--steps N,…] [--schemes S,…] [--methods
 * projection,interpolation] [--family F] [data flags] [--keep BASE] [--plot PNG] [--json]}:
 * compresses SRC at every grid point and tabulates parameters, exact relative L2 error and stage
 * evaluations. With data it also tabulates accuracy and latency (each point is then exported,
 * scored, and deleted unless {@code --keep}). {@code --plot} draws accuracy (without data: error)
 * against K, one line per N, one panel per method and scheme.
 *
 * <p>Given values apply to every block. Defaults are per block ({@link Sweep}): each block keeps
 * its own N and scheme, and K runs from the block's own K downwards (halved while even, then 1;
 * piecewise_linear: halving its K/2 elements, down to 2; fem_linear: ⌈K/2⌉ down to 1), so the first
 * row of each method reproduces the source. Every grid point is checked for every block before
 * anything is scored or written.
 */
@Command(
    name = "sweep",
    description = {
      "Compress a SavedModel over a K x N x scheme x method grid; table, JSON and plot.",
      "Given K, N and schemes apply to every block; defaults are each block's own (K reduced step by step), so the first row of each method reproduces the source.",
      "Every grid point is checked for every block before anything is scored or written."
    })
public final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SRC",
      description = "Source version directory (or a model base: its latest version).")
  Path source;

  @Option(
      names = "--sizes",
      paramLabel = "K,…",
      description =
          "Target K values for every block (default: per block, its own K, then halved while even and 1; piecewise_linear: K/2 elements halved while even, then K = 2; fem_linear: ceil(K/2) down to 1).")
  String sizes;

  @Option(
      names = "--steps",
      paramLabel = "N,…",
      description = "Target step counts for every block (default: each block's own N).")
  String steps;

  @Option(
      names = "--schemes",
      paramLabel = "S,…",
      description = "Target schemes for every block (default: each block's own).")
  String schemes;

  @Option(
      names = "--methods",
      paramLabel = "M,…",
      defaultValue = "projection",
      description = "projection and/or interpolation (default: ${DEFAULT-VALUE}).")
  String methods;

  @Option(
      names = "--family",
      paramLabel = "F",
      description = "Target basis family (default: each block's own).")
  String family;

  @Mixin EvalDataOptions data;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Evaluation batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--keep",
      paramLabel = "BASE",
      description = "Keep every compressed model as a version under BASE.")
  Path keep;

  @Option(
      names = "--graph",
      paramLabel = "CLASS",
      description =
          "GraphFactory class on the class path, to rebuild a custom graph (no model spec).")
  String graphClass;

  @Option(
      names = "--plot",
      paramLabel = "PNG",
      description = "Plot accuracy (or, without data, relative L2 error) against K and N.")
  Path plot;

  @Option(names = "--json", description = "One line of JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    CompressCommand.warmUpTensorFlow();
    Sweep sweep = Sweep.create();
    if (sizes != null) {
      sweep.sizes(integers("--sizes", sizes));
    }
    if (steps != null) {
      sweep.steps(integers("--steps", steps));
    }
    if (schemes != null) {
      List<String> names = new ArrayList<>();
      for (String s : schemes.split(",")) {
        try {
          names.add(Scheme.byName(s).name());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--schemes: " + e.getMessage(), e);
        }
      }
      sweep.schemes(names);
    }
    List<Method> ms = new ArrayList<>();
    for (String m : methods.split(",")) {
      try {
        ms.add(Method.parse(m));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--methods: " + e.getMessage(), e);
      }
    }
    sweep.methods(ms);
    if (family != null) {
      Args.basis("--family", family + ":2");
      sweep.family(family.trim().toLowerCase(java.util.Locale.ROOT));
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch: expected >= 1, found " + batch);
    }
    if (plot != null) {
      Args.outputFile("--plot", plot); // it is written after the whole sweep: check now
    }
    GraphFactory graph = GraphClass.load(graphClass);
    if (graph != null) {
      sweep.graph(graph);
    }
    if (keep != null) {
      Args.outputFolder(
          "--keep", keep); // a base that cannot be created fails now, not after the sweep
      sweep.keep(keep);
    }
    SweepResult result;
    try (SourceModel src = SourceModel.open(source)) {
      if (data.given()) {
        sweep.scorer(DataScoring.scorer(DataScoring.load(data, src), batch));
      }
      result = sweep.run(src);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
    out.flush();
    if (plot != null) {
      Plots.sweep(result, plot);
    }
    return 0;
  }

  static List<Integer> integers(String option, String text) {
    List<Integer> out = new ArrayList<>();
    for (double d : Args.numbers(option, text)) {
      if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(option + ": expected integers >= 1, found " + d);
      }
      out.add((int) d);
    }
    return out;
  }
}
