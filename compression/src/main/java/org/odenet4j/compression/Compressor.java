package org.odenet4j.compression;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.Staging;
import org.odenet4j.savedmodel.VersionPublisher;
import org.tensorflow.Tensor;

/**
 * Compresses a SavedModel: a pure rewrite, SavedModel in, new SavedModel version out.
 *
 * <ol>
 *   <li>reads the source's manifest and variable values as data ({@link SourceModel}; the source's
 *       graph is never run, and nothing in the source directory is ever written);
 *   <li>resolves the {@link CompressionPlan} into each block's target basis, N and scheme (with a
 *       tolerance, K from the exact L2 error of the block's parameters);
 *   <li>maps every ODE-block coefficient tensor, parameters and running statistics, with the exact
 *       change-of-basis operator in double precision ({@link ProjectedModel}); every other variable
 *       keeps the source's tensor, bit for bit;
 *   <li>optionally re-estimates BatchNorm statistics on a few unlabelled batches (beyond the paper,
 *       off by default; see {@link #recalibrate});
 *   <li>builds the target inference graph once: from the manifest's model spec, or with a caller's
 *       {@link GraphFactory} for custom graphs. It exports the graph into a non-numeric staging
 *       directory under BASE; the manifest records the operation, the source's {@code variables/}
 *       SHA-256, and in {@code provenance.compression} the source's whole provenance and each
 *       block's resolved change ({@link CompressionRecord});
 *   <li>copies the source's extra assets ({@code assets.extra/}, e.g. a tagger's vocabulary)
 *       unchanged; hidden files (e.g. {@code .DS_Store}) are skipped with a warning, and a
 *       subdirectory or a file name the exporter cannot store fails before any work;
 *   <li>optionally scores source and result ({@link ModelScorer}) and refuses to publish if the
 *       accuracy drops by more than the gate. Scoring runs both models: the source too, as an
 *       evaluation, which the data-free compression itself never does;
 *   <li>publishes by renaming the staged version to {@code BASE/<version>} atomically, never
 *       overwriting. On refusal or failure the staging directory is deleted: nothing is written.
 * </ol>
 *
 * <p>Reading the source values, projecting them and measuring the source's size run on threads of
 * their own while this thread builds the target graph, so a one-shot compression is quick.
 *
 * <pre>{@code
 * CompressionResult r = Compressor.of(CompressionPlan.to("piecewise_constant:8"))
 *     .compress(Path.of("models/cifar/1"), Path.of("models/cifar"));
 * System.out.print(r.report().toTable());
 * }</pre>
 */
public final class Compressor {
  /**
   * Slack of the {@link #maxDropPoints} comparison, in percentage points, for floating-point
   * rounding only.
   */
  static final double DROP_TOLERANCE_POINTS = 1e-9;

  private final CompressionPlan plan;
  private GraphFactory graph;
  private ModelScorer scorer;
  private ModelScorer.Score sourceScore;
  private Double maxDropPoints;
  private List<? extends Tensor> recalibrationBatches = List.of();
  private Long version;
  private int traces = 4;
  private DiskUsage knownSourceUsage;

  private Compressor(CompressionPlan plan) {
    this.plan = plan == null ? CompressionPlan.keep() : plan;
  }

  public static Compressor of(CompressionPlan plan) {
    return new Compressor(plan);
  }

  /** The target graph's factory; required for custom graphs (no model spec in the manifest). */
  public Compressor graph(GraphFactory factory) {
    this.graph = factory;
    return this;
  }

  /** Scores source and result on held-out data (accuracy and latency before and after). */
  public Compressor scorer(ModelScorer modelScorer) {
    this.scorer = modelScorer;
    return this;
  }

  /** The source's score if already known (sweeps score the source once). */
  public Compressor sourceScore(ModelScorer.Score score) {
    this.sourceScore = score;
    return this;
  }

  /**
   * Refuses to publish if accuracy falls by more than {@code points} <b>percentage points</b>
   * (needs a scorer). The unit is points, not a fraction: {@code maxDropPoints(0.5)} allows 90.0 %
   * → 89.5 %, although {@link ModelScorer.Score#accuracy()} is a fraction in [0, 1].
   *
   * <p>The drop is 100·(before − after). A drop equal to the limit is accepted: the comparison
   * allows {@value #DROP_TOLERANCE_POINTS} points for floating-point rounding (9000 → 8950 of
   * 10,000 is 0.5 points but computes as 0.5000000000000004), far below the step of any real
   * accuracy (100/n points for n examples). A non-finite accuracy before or after (nothing counted)
   * is refused: the gate cannot be checked.
   */
  public Compressor maxDropPoints(double points) {
    if (!(points >= 0) || Double.isInfinite(points)) {
      throw new IllegalArgumentException(
          "max drop: expected percentage points >= 0, found " + points);
    }
    this.maxDropPoints = points;
    return this;
  }

  /**
   * Whether the gate refuses: a drop (points) above the limit beyond rounding, or not measurable
   * (NaN, infinite).
   */
  static boolean refuses(double dropPoints, double limitPoints) {
    return !Double.isFinite(dropPoints) || dropPoints > limitPoints + DROP_TOLERANCE_POINTS;
  }

  /**
   * Re-estimates every BatchNorm running statistic (ODE-block coefficients and plain layers) on
   * these unlabelled input batches after the change of basis. This goes beyond the paper: its
   * compression keeps the projected statistics. Off by default (no batches). The caller keeps
   * ownership of the tensors. Needs a model spec in the manifest. See {@link
   * BatchNormRecalibration}.
   */
  public Compressor recalibrate(List<? extends Tensor> inputBatches) {
    this.recalibrationBatches = inputBatches == null ? List.of() : List.copyOf(inputBatches);
    return this;
  }

  /** An explicit version number (default: the next free one under BASE). */
  public Compressor version(long v) {
    this.version = VersionPublisher.requireValid(v);
    return this;
  }

  /** How many weights to keep as {@link WeightTrace}s (default 4). */
  public Compressor traces(int count) {
    this.traces = Math.max(0, count);
    return this;
  }

  /**
   * The source's sizes if already measured (a sweep measures them once instead of gzipping the
   * source per point).
   */
  Compressor sourceUsage(DiskUsage usage) {
    this.knownSourceUsage = usage;
    return this;
  }

  /**
   * Compresses the model in {@code source} (a version directory, or a base: its latest version)
   * into a new version under {@code base}.
   */
  public CompressionResult compress(Path source, Path base) {
    try (SourceModel src = SourceModel.open(source)) {
      return compress(src, base);
    }
  }

  /** Compresses an already opened source (which stays open). */
  public CompressionResult compress(SourceModel source, Path base) {
    long start = System.nanoTime();
    checkArguments(source, base);
    // an asset that cannot be copied fails before any work
    Map<String, byte[]> assets = SourceAssets.read(source.directory());
    // overlapped: the source's sizes (a gzip pass over its bytes), reading and projecting the
    // values, and (on this thread) building the target graph inside the exporter
    CompletableFuture<DiskUsage> usageBefore =
        knownSourceUsage != null
            ? CompletableFuture.completedFuture(knownSourceUsage)
            : Background.supply("odenet-source-size", () -> DiskUsage.of(source.directory()));
    List<BlockChange> changes = plan.resolve(source); // waits for the values only with a tolerance
    Map<String, OdeBlockSpec> targets = new LinkedHashMap<>();
    changes.forEach(c -> targets.put(c.name(), c.target()));
    InferenceGraph inference = factory(source).build(targets);
    List<? extends Tensor> batches = recalibrationBatches;
    ModelSpec targetSpec = inference.modelSpec();
    if (!batches.isEmpty() && targetSpec == null) {
      throw new IllegalArgumentException(
          "recalibrate BN: expected a model spec (to build the model in training mode), found a custom graph without one");
    }
    CompletableFuture<ProjectedModel> projection = project(source, changes, targetSpec, batches);
    Run run = new Run(source, base, changes, batches.size(), usageBefore, start);
    try {
      return stageAndPublish(run, inference, projection, assets);
    } finally {
      ProjectedModel p = Background.joinQuietly(projection);
      if (p != null) {
        p.close();
      }
    }
  }

  /** One compression's inputs, for the stages after the graph is built. */
  private record Run(
      SourceModel source,
      Path base,
      List<BlockChange> changes,
      int recalibrated,
      CompletableFuture<DiskUsage> sourceUsage,
      long start) {}

  /**
   * Fails before any work: an output inside the source, an existing version, a gate without data.
   */
  private void checkArguments(SourceModel source, Path base) {
    Path out = base.toAbsolutePath().normalize();
    Path src = source.directory().toAbsolutePath().normalize();
    if (out.startsWith(src)) {
      throw new IllegalArgumentException(
          "output base "
              + base
              + ": expected a directory outside the source "
              + source.directory()
              + " (the source is never modified), found it inside");
    }
    if (version != null) {
      VersionPublisher.requireNew(base, version);
    }
    if (maxDropPoints != null && scorer == null) {
      throw new IllegalArgumentException(
          "max drop: expected evaluation data to measure accuracy with, found none");
    }
  }

  /**
   * Maps the values (and re-estimates BatchNorm statistics on {@code batches}) on a thread of its
   * own.
   */
  private CompletableFuture<ProjectedModel> project(
      SourceModel source,
      List<BlockChange> changes,
      ModelSpec targetSpec,
      List<? extends Tensor> batches) {
    return Background.supply(
        "odenet-projection",
        () -> {
          ProjectedModel p = ProjectedModel.of(source, changes, traces);
          try {
            if (!batches.isEmpty()) {
              BatchNormRecalibration.run(targetSpec, p, batches);
            }
            return p;
          } catch (RuntimeException | Error e) {
            p.close();
            throw e;
          }
        });
  }

  private GraphFactory factory(SourceModel source) {
    if (graph != null) {
      return graph;
    }
    ModelSpec spec = source.modelSpec();
    Path manifestFile = source.directory().resolve(Manifest.PATH);
    if (spec == null) {
      throw new IllegalArgumentException(
          manifestFile
              + ": model_spec: expected a model spec to rebuild the graph from (or a graph factory for this custom graph), found none");
    }
    return GraphFactory.forSpec(
        spec, source.manifest().odeBlocks(), manifestFile.toString(), SourceAssets.words(source));
  }

  private CompressionResult stageAndPublish(
      Run run,
      InferenceGraph inference,
      CompletableFuture<ProjectedModel> projection,
      Map<String, byte[]> assets) {
    OutputBase output = OutputBase.create(run.base());
    Path published = null;
    // the staging directory also removes the staging directories of killed runs; closed (deleted
    // if still there) before the finally block runs
    try (Staging staging = Staging.create(run.base(), "compress")) {
      ExportResult staged = stage(staging.directory(), run, inference, projection, assets);
      ProjectedModel projected = Background.join(projection);
      ModelScorer.Score before = scorer == null ? null : scoreSource(run.source());
      ModelScorer.Score after = scorer == null ? null : scorer.score(staged.directory());
      boolean refused =
          maxDropPoints != null && refuses(ReportBuilder.dropPoints(before, after), maxDropPoints);
      List<CompressionReport.BlockReport> blocks = ReportBuilder.blocks(projected);
      CompressionReport.Totals totals =
          ReportBuilder.totals(
              run.source().manifest(),
              staged.manifest(),
              blocks,
              Background.join(run.sourceUsage()),
              DiskUsage.of(staged.directory()));
      Long v = null;
      if (!refused) {
        // version chosen and renamed under the BASE publish lock: concurrent runs get distinct
        // versions
        v = VersionPublisher.publish(run.base(), staged.directory(), version);
        published = run.base().resolve(Long.toString(v));
      }
      CompressionReport report = report(run, published, v, blocks, totals, before, after);
      return new CompressionResult(report, projected.traces(), run.changes());
    } finally {
      if (published == null) {
        output.removeCreated(); // nothing written
      }
    }
  }

  /** Exports the compressed model as version 1 of the staging directory {@code dir}. */
  private ExportResult stage(
      Path dir,
      Run run,
      InferenceGraph inference,
      CompletableFuture<ProjectedModel> projection,
      Map<String, byte[]> assets) {
    Exporter exporter =
        Exporter.to(dir)
            .version(1)
            .graph(inference)
            .values(new Background.PendingValues(projection.thenApply(ProjectedModel::values)))
            .source(
                CompressionRecord.operation(run.source(), run.changes(), run.recalibrated()),
                run.source().sha256())
            .compression(
                CompressionRecord.of(
                    run.source(), run.changes(), plan.tolerance(), run.recalibrated()))
            .classNames(run.source().manifest().classNames());
    assets.forEach(exporter::asset);
    return exporter.export();
  }

  private ModelScorer.Score scoreSource(SourceModel source) {
    return sourceScore != null ? sourceScore : scorer.score(source.directory());
  }

  private CompressionReport report(
      Run run,
      Path published,
      Long v,
      List<CompressionReport.BlockReport> blocks,
      CompressionReport.Totals totals,
      ModelScorer.Score before,
      ModelScorer.Score after) {
    return new CompressionReport(
        ReportBuilder.source(run.source()),
        ReportBuilder.outcome(published, v),
        new CompressionReport.Plan(plan.method().label(), plan.tolerance()),
        blocks,
        totals,
        ReportBuilder.statistics(blocks, run.recalibrated()),
        ReportBuilder.evaluation(before, after, maxDropPoints),
        (System.nanoTime() - run.start()) / 1e9);
  }
}
