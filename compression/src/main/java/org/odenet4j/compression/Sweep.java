package org.odenet4j.compression;

import org.odenet4j.savedmodel.Staging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odenet4j.basis.BasisSpec;

/**
 * Compresses one source over a grid of K × N × scheme × method and tabulates each point:
 * parameters, exact relative L2 error, stage evaluations, and with a {@link ModelScorer} accuracy
 * and latency. Every block goes to {@code family:K} (the family defaults to each block's own),
 * N steps and the scheme. The source is read and scored once.
 *
 * <p>Without a scorer nothing is exported: the errors and sizes come from the coefficients alone,
 * in milliseconds. With a scorer each point is exported, scored, and deleted, unless
 * {@link #keep(Path)} names a base directory to keep the compressed versions in.
 */
public final class Sweep {
  private List<Integer> sizes = List.of();
  private List<Integer> steps = List.of();
  private List<String> schemes = List.of();
  private List<Method> methods = List.of(Method.PROJECTION);
  private String family;
  private ModelScorer scorer;
  private Path keep;
  private GraphFactory graph;
  private ModelScorer.Score knownSourceScore;

  private Sweep() {}

  public static Sweep create() {
    return new Sweep();
  }

  /** The K values (default: the source's K, halved down to 1). */
  public Sweep sizes(List<Integer> ks) {
    ks.forEach(k -> {
      if (k == null || k < 1) {
        throw new IllegalArgumentException("sweep K: expected integers >= 1, found " + ks);
      }
    });
    this.sizes = List.copyOf(ks);
    return this;
  }

  /** The N values (default: the source's N). */
  public Sweep steps(List<Integer> ns) {
    ns.forEach(n -> {
      if (n == null || n < 1) {
        throw new IllegalArgumentException("sweep N: expected integers >= 1, found " + ns);
      }
    });
    this.steps = List.copyOf(ns);
    return this;
  }

  /** The schemes (default: the source's). */
  public Sweep schemes(List<String> names) {
    this.schemes = names.stream().map(s -> new BlockTarget(null, null, s).scheme()).toList();
    return this;
  }

  public Sweep methods(List<Method> ms) {
    if (ms.isEmpty()) {
      throw new IllegalArgumentException("sweep methods: expected at least one of projection, interpolation, found none");
    }
    this.methods = List.copyOf(ms);
    return this;
  }

  /** The target family for every block (default: each block's source family). */
  public Sweep family(String basisFamily) {
    if (basisFamily != null) {
      new BasisSpec(basisFamily, 2); // validates the name
    }
    this.family = basisFamily;
    return this;
  }

  public Sweep scorer(ModelScorer modelScorer) {
    this.scorer = modelScorer;
    return this;
  }

  /** Keeps every compressed model as a version under {@code base} (default: scored models are deleted). */
  /** The source's score if already known (the demo scores it before sweeping); else the scorer runs on it. */
  public Sweep sourceScore(ModelScorer.Score score) {
    this.knownSourceScore = score;
    return this;
  }

  public Sweep keep(Path base) {
    this.keep = base;
    return this;
  }

  /** The graph factory for a custom graph without a model spec (needed only when exporting). */
  public Sweep graph(GraphFactory factory) {
    this.graph = factory;
    return this;
  }

  public SweepResult run(Path source) {
    try (SourceModel src = SourceModel.open(source)) {
      return run(src);
    }
  }

  public SweepResult run(SourceModel src) {
    long start = System.nanoTime();
    String firstBlock = src.blocks().keySet().iterator().next();
    var reference = src.blockSpec(firstBlock);
    List<Integer> ks = sizes.isEmpty() ? halvings(reference.parsedBasis().size()) : sizes;
    List<Integer> ns = steps.isEmpty() ? List.of(reference.steps()) : steps;
    List<String> ss = schemes.isEmpty() ? List.of(reference.scheme()) : schemes;
    ModelScorer.Score sourceScore =
        scorer == null ? null : knownSourceScore != null ? knownSourceScore : scorer.score(src.directory());
    boolean export = scorer != null || keep != null;
    Path base = keep;
    boolean temporary = false;
    if (export && base == null) {
      try {
        base = Files.createTempDirectory("odenet-sweep-");
        temporary = true;
      } catch (IOException e) {
        throw new UncheckedIOException("sweep: cannot create a temporary directory", e);
      }
    }
    List<SweepResult.Row> rows = new ArrayList<>();
    try {
      for (Method m : methods) {
        for (String scheme : ss) {
          for (int n : ns) {
            for (int k : ks) {
              CompressionPlan plan = CompressionPlan.keep().withMethod(m).withSteps(n).withScheme(scheme);
              for (String block : src.blocks().keySet()) {
                String f = family != null ? family : src.blockSpec(block).parsedBasis().family();
                plan = plan.withBlock(block, new BlockTarget(new BasisSpec(f, k).toString(), null, null));
              }
              rows.add(point(src, plan, m, scheme, n, k, base, sourceScore));
            }
          }
        }
      }
    } finally {
      if (temporary) {
        Staging.deleteQuietly(base);
      }
    }
    long odeParams = 0;
    for (String block : src.blocks().keySet()) {
      odeParams += src.blockVariables(block, org.odenet4j.savedmodel.Manifest.PARAMETER).stream()
          .mapToLong(v -> v.shape().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b)).sum();
    }
    SweepResult.Row sourceRow = new SweepResult.Row(
        "source", reference.scheme(), reference.basis(), reference.parsedBasis().size(), reference.steps(),
        src.manifest().trainableParameters(), odeParams, 0.0, totalEvaluations(src), 0,
        sourceScore == null ? null : sourceScore.accuracy(),
        sourceScore == null ? null : sourceScore.latencyMsP50(),
        sourceScore == null ? null : sourceScore.latencyMsP95(), src.directory().toString());
    return new SweepResult(src.directory().toString(), sourceRow, List.copyOf(rows), (System.nanoTime() - start) / 1e9);
  }

  private SweepResult.Row point(
      SourceModel src, CompressionPlan plan, Method m, String scheme, int n, int k, Path base, ModelScorer.Score sourceScore) {
    List<BlockChange> changes = plan.resolve(src);
    if (base == null) {
      try (ProjectedModel p = ProjectedModel.of(src, changes, 0)) {
        long odeBefore = 0;
        long odeAfter = 0;
        double worst = 0;
        long clamps = 0;
        long evaluations = 0;
        for (ProjectedModel.BlockResult b : p.blocks()) {
          odeBefore += b.parametersBefore();
          odeAfter += b.parametersAfter();
          worst = Math.max(worst, b.parameterError().relative());
          clamps += b.varianceClamps();
          evaluations += b.change().stageEvaluationsAfter();
        }
        long params = src.manifest().trainableParameters() - odeBefore + odeAfter;
        return new SweepResult.Row(
            m.label(), scheme, changes.get(0).target().basis(), k, n, params, odeAfter, worst, evaluations, clamps,
            null, null, null, null);
      }
    }
    Compressor c = Compressor.of(plan).traces(0);
    if (graph != null) {
      c.graph(graph);
    }
    if (scorer != null) {
      c.scorer(scorer).sourceScore(sourceScore);
    }
    CompressionResult r = c.compress(src, base);
    CompressionReport rep = r.report();
    double worst = rep.blocks().stream().mapToDouble(CompressionReport.BlockReport::relativeError).max().orElse(0);
    if (keep == null) {
      Staging.deleteQuietly(r.output());
    }
    return new SweepResult.Row(
        m.label(), scheme, changes.get(0).target().basis(), k, n, rep.parametersAfter(), rep.odeParametersAfter(), worst,
        rep.stageEvaluationsAfter(), rep.varianceClamps(), rep.accuracyAfter(), rep.latencyMsP50After(),
        rep.latencyMsP95After(), keep == null ? null : rep.output());
  }

  private static long totalEvaluations(SourceModel src) {
    long n = 0;
    for (String b : src.blocks().keySet()) {
      n += src.blockSpec(b).stageTimes().evaluations();
    }
    return n;
  }

  static List<Integer> halvings(int k) {
    List<Integer> out = new ArrayList<>();
    for (int x = k; x >= 1; x /= 2) {
      out.add(x);
      if (x % 2 != 0) {
        break;
      }
    }
    if (out.get(out.size() - 1) != 1) {
      out.add(1);
    }
    return out;
  }
}
