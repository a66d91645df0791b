package org.odenet4j.compression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.basis.FemLinearBasis;
import org.odenet4j.basis.PiecewiseLinearBasis;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Staging;

/**
 * Compresses one source over a grid of K × N × scheme × method and tabulates each point:
 * parameters, exact relative L2 error, stage evaluations, and with a {@link ModelScorer} accuracy
 * and latency. The source is read and scored once.
 *
 * <p><b>The grid.</b> Every block goes to {@code family:K} (the family defaults to each block's
 * own; {@link #family(String)} sets it for every block), N steps and a scheme. A value given
 * explicitly ({@link #sizes}, {@link #steps}, {@link #schemes}) applies to every block. A value not
 * given is taken per block from that block's own settings, so a model trained with per-block
 * discretisations is swept around each block's own K, N and scheme:
 *
 * <ul>
 *   <li>N and scheme: each block keeps its own (one grid value).
 *   <li>K: grid value j gives each block its own K reduced j times (the first value is the block's
 *       own K, so with the default family, N and scheme the first row of each method reproduces the
 *       source's discretisation). The reduction depends on the target family, and only K valid for
 *       it are used: piecewise_constant and legendre halve K while it is even, then go to 1 (16 →
 *       16, 8, 4, 2, 1; 6 → 6, 3, 1); piecewise_linear halves its K/2 elements while their number
 *       is even, then goes to K = 2 (8 → 8, 4, 2; 12 → 12, 6, 2), starting from the largest even K
 *       ≤ the block's (at least 2); fem_linear goes to ⌈K/2⌉ down to 1 (9 → 9, 5, 3, 2, 1, the
 *       inverse of its refinement on odd K). A block whose list is shorter than another's stays at
 *       its smallest K in the remaining grid values.
 * </ul>
 *
 * <p>Every grid point is resolved for every block before any work (no source scoring, no export, no
 * kept version), so a K that is invalid for a block's target family (e.g. an odd K for
 * piecewise_linear) fails at once with one message and nothing written.
 *
 * <p>Each row records every block's target ({@link SweepResult.Row#blocks()}); its scheme, basis, K
 * and N columns are the first block's.
 *
 * <p>Without a scorer and without {@link #keep(Path)} nothing is exported: the errors and sizes
 * come from the coefficients alone, in milliseconds. With a scorer each point is exported, scored,
 * and deleted, unless {@link #keep(Path)} names a base directory to keep the compressed versions
 * in; {@link #keep(Path)} without a scorer exports and keeps every point, unscored. The source's
 * sizes are measured once per sweep.
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

  /**
   * The K values for every block (default: per block, its own K reduced step by step; see the class
   * comment).
   */
  public Sweep sizes(List<Integer> ks) {
    ks.forEach(
        k -> {
          if (k == null || k < 1) {
            throw new IllegalArgumentException("sweep K: expected integers >= 1, found " + ks);
          }
        });
    this.sizes = List.copyOf(ks);
    return this;
  }

  /** The N values for every block (default: each block's own N). */
  public Sweep steps(List<Integer> ns) {
    ns.forEach(
        n -> {
          if (n == null || n < 1) {
            throw new IllegalArgumentException("sweep N: expected integers >= 1, found " + ns);
          }
        });
    this.steps = List.copyOf(ns);
    return this;
  }

  /** The schemes for every block (default: each block's own). */
  public Sweep schemes(List<String> names) {
    this.schemes = names.stream().map(s -> new BlockTarget(null, null, s).scheme()).toList();
    return this;
  }

  public Sweep methods(List<Method> ms) {
    if (ms.isEmpty()) {
      throw new IllegalArgumentException(
          "sweep methods: expected at least one of projection, interpolation, found none");
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

  /**
   * The source's score if already known (the demo scores it before sweeping); else the scorer runs
   * on it.
   */
  public Sweep sourceScore(ModelScorer.Score score) {
    this.knownSourceScore = score;
    return this;
  }

  /**
   * Keeps every compressed model as a version under {@code base} (default: scored models are
   * deleted). Without a scorer this exports every grid point too (no accuracy). {@code base} may
   * not be the source's own base (the source version directory's parent): every grid point would
   * become its newest version, and a server following the latest version would serve the last grid
   * point.
   */
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
    if (keep != null) {
      refuseSourceBase(keep, src.directory());
    }
    List<Point> grid = grid(src); // every point checked before any work
    String firstBlock = src.blocks().keySet().iterator().next();
    var reference = src.blockSpec(firstBlock);
    ModelScorer.Score sourceScore =
        scorer == null
            ? null
            : knownSourceScore != null ? knownSourceScore : scorer.score(src.directory());
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
      DiskUsage sourceUsage = export ? DiskUsage.of(src.directory()) : null; // once, not per point
      for (Point p : grid) {
        rows.add(point(src, p, base, sourceScore, sourceUsage));
      }
    } finally {
      if (temporary) {
        Staging.deleteQuietly(base);
      }
    }
    long odeParams = 0;
    List<String> sourceBlocks = new ArrayList<>();
    for (String block : src.blocks().keySet()) {
      odeParams +=
          src.blockVariables(block, org.odenet4j.savedmodel.Manifest.PARAMETER).stream()
              .mapToLong(
                  v -> v.shape().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b))
              .sum();
      OdeBlockSpec spec = src.blockSpec(block);
      sourceBlocks.add(blockText(block, spec.basis(), spec.steps(), spec.scheme()));
    }
    SweepResult.Row sourceRow =
        new SweepResult.Row(
            "source",
            reference.scheme(),
            reference.basis(),
            reference.parsedBasis().size(),
            reference.steps(),
            src.manifest().trainableParameters(),
            odeParams,
            0.0,
            totalEvaluations(src),
            0,
            sourceScore == null ? null : sourceScore.accuracy(),
            sourceScore == null ? null : sourceScore.latencyMsP50(),
            sourceScore == null ? null : sourceScore.latencyMsP95(),
            src.directory().toString(),
            List.copyOf(sourceBlocks));
    return new SweepResult(
        src.directory().toString(),
        sourceRow,
        List.copyOf(rows),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * One grid point: the method and every block's target (basis, N and scheme all set), in the
   * source's block order.
   */
  record Point(
      Method method,
      Map<String, BlockTarget> targets,
      CompressionPlan plan,
      List<BlockChange> changes) {
    /**
     * The point's plan, resolved against the source once (an invalid K, N or scheme of any block
     * fails here).
     */
    static Point of(Method method, Map<String, BlockTarget> targets, SourceModel src) {
      CompressionPlan plan = CompressionPlan.keep().withMethod(method);
      for (Map.Entry<String, BlockTarget> e : targets.entrySet()) {
        plan = plan.withBlock(e.getKey(), e.getValue());
      }
      return new Point(method, targets, plan, plan.resolve(src));
    }

    BlockTarget first() {
      return targets.values().iterator().next();
    }

    List<String> blocks() {
      return targets.entrySet().stream()
          .map(
              e ->
                  blockText(
                      e.getKey(),
                      e.getValue().basis(),
                      e.getValue().steps(),
                      e.getValue().scheme()))
          .toList();
    }
  }

  /**
   * The grid for {@code src} in method, scheme, N, K order, every point resolved against the source
   * (so an invalid K, N or scheme for any block fails here, before any work).
   */
  List<Point> grid(SourceModel src) {
    List<String> names = List.copyOf(src.blocks().keySet());
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "sweep source " + src.directory() + ": expected at least one ODE block, found none");
    }
    Map<String, List<String>> bases = new LinkedHashMap<>();
    Map<String, List<Integer>> ns = new LinkedHashMap<>();
    Map<String, List<String>> ss = new LinkedHashMap<>();
    for (String b : names) {
      OdeBlockSpec spec = src.blockSpec(b);
      String f = family != null ? family : spec.parsedBasis().family();
      List<Integer> ks = sizes.isEmpty() ? defaultSizes(f, spec.parsedBasis().size()) : sizes;
      List<String> specs = new ArrayList<>();
      for (int k : ks) {
        try {
          specs.add(new BasisSpec(f, k).toString());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("sweep K for block " + b + ": " + e.getMessage(), e);
        }
      }
      bases.put(b, specs);
      ns.put(b, steps.isEmpty() ? List.of(spec.steps()) : steps);
      ss.put(b, schemes.isEmpty() ? List.of(spec.scheme()) : schemes);
    }
    int kCount = bases.values().stream().mapToInt(List::size).max().orElseThrow();
    int nCount = steps.isEmpty() ? 1 : steps.size();
    int sCount = schemes.isEmpty() ? 1 : schemes.size();
    List<Point> grid = new ArrayList<>();
    for (Method m : methods) {
      for (int si = 0; si < sCount; si++) {
        for (int ni = 0; ni < nCount; ni++) {
          for (int ki = 0; ki < kCount; ki++) {
            Map<String, BlockTarget> targets = new LinkedHashMap<>();
            for (String b : names) {
              targets.put(
                  b, new BlockTarget(at(bases.get(b), ki), at(ns.get(b), ni), at(ss.get(b), si)));
            }
            grid.add(Point.of(m, targets, src));
          }
        }
      }
    }
    return List.copyOf(grid);
  }

  private static <T> T at(List<T> values, int i) {
    return values.get(Math.min(i, values.size() - 1));
  }

  private static String blockText(String block, String basis, int steps, String scheme) {
    return block + "=" + basis + "/" + steps + "/" + scheme;
  }

  /** Refuses a keep base that is the source's own base (see {@link #keep}). */
  static void refuseSourceBase(Path keep, Path sourceVersion) {
    Path sourceBase = sourceVersion.toAbsolutePath().normalize().getParent();
    Path k = keep.toAbsolutePath().normalize();
    boolean same = k.equals(sourceBase);
    if (!same && sourceBase != null && Files.exists(k)) {
      try {
        same = Files.isSameFile(k, sourceBase);
      } catch (IOException e) {
        throw new UncheckedIOException(keep + ": cannot read", e);
      }
    }
    if (same) {
      throw new IllegalArgumentException(
          keep
              + ": keep: expected a base other than the source's own (every grid point would become its newest version, "
              + "which a server following the latest version serves; keep them in another folder), found the base of "
              + sourceVersion);
    }
  }

  private SweepResult.Row point(
      SourceModel src, Point p, Path base, ModelScorer.Score sourceScore, DiskUsage sourceUsage) {
    CompressionPlan plan = p.plan();
    Method m = p.method();
    BlockTarget first = p.first();
    String scheme = first.scheme();
    int n = first.steps();
    int k = BasisSpec.parse(first.basis()).size();
    List<BlockChange> changes = p.changes();
    if (base == null) {
      try (ProjectedModel pm = ProjectedModel.of(src, changes, 0)) {
        long odeBefore = 0;
        long odeAfter = 0;
        double worst = 0;
        long clamps = 0;
        long evaluations = 0;
        for (ProjectedModel.BlockResult b : pm.blocks()) {
          odeBefore += b.parametersBefore();
          odeAfter += b.parametersAfter();
          worst = Math.max(worst, b.parameterError().relative());
          clamps += b.varianceClamps();
          evaluations += b.change().stageEvaluationsAfter();
        }
        long params = src.manifest().trainableParameters() - odeBefore + odeAfter;
        return new SweepResult.Row(
            m.label(),
            scheme,
            first.basis(),
            k,
            n,
            params,
            odeAfter,
            worst,
            evaluations,
            clamps,
            null,
            null,
            null,
            null,
            p.blocks());
      }
    }
    Compressor c = Compressor.of(plan).traces(0).sourceUsage(sourceUsage);
    if (graph != null) {
      c.graph(graph);
    }
    if (scorer != null) {
      c.scorer(scorer).sourceScore(sourceScore);
    }
    CompressionResult r = c.compress(src, base);
    CompressionReport rep = r.report();
    if (keep == null) {
      Staging.deleteQuietly(r.output());
    }
    CompressionReport.Evaluation e = rep.evaluation();
    return new SweepResult.Row(
        m.label(),
        scheme,
        first.basis(),
        k,
        n,
        rep.totals().parameters().after(),
        rep.totals().odeParameters().after(),
        rep.worstRelativeError(),
        rep.totals().stageEvaluations().after(),
        rep.statistics().varianceClamps(),
        e == null ? null : e.accuracy().after(),
        e == null ? null : e.latency().p50After(),
        e == null ? null : e.latency().p95After(),
        keep == null ? null : rep.outcome().output(),
        p.blocks());
  }

  private static long totalEvaluations(SourceModel src) {
    long n = 0;
    for (String b : src.blocks().keySet()) {
      n += src.blockSpec(b).stageTimes().evaluations();
    }
    return n;
  }

  /**
   * The default K values of a block with K = {@code k} swept onto {@code family}, largest first,
   * every one valid for the family (see the class comment).
   */
  static List<Integer> defaultSizes(String family, int k) {
    return switch (family) {
      case PiecewiseLinearBasis.FAMILY ->
          halvings(Math.max(1, k / 2)).stream().map(e -> 2 * e).toList();
      case FemLinearBasis.FAMILY -> {
        List<Integer> out = new ArrayList<>();
        for (int x = k; ; x = (x + 1) / 2) {
          out.add(x);
          if (x == 1) {
            break;
          }
        }
        yield out;
      }
      default -> halvings(k);
    };
  }

  /** k halved while even, then 1: 16 → 16, 8, 4, 2, 1; 6 → 6, 3, 1. */
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
