package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * Publishes an inference-only SavedModel for TensorFlow Serving as {@code BASE/<version>/}:
 *
 * <ol>
 *   <li>builds the {@link InferenceGraph} into a fresh graph over {@link ParameterRegistry#empty};
 *   <li>assigns every variable's value (from a {@link VariableSnapshot} such as a training
 *       result's, a map of tensors, or fetched by name from a live session) through placeholders;
 *   <li>exports with tag {@code serve}, signature {@code serving_default}, method {@code
 *       tensorflow/serving/predict}, into a non-numeric temporary directory {@code
 *       BASE/.tmp-<version>-<random>} ({@code .tmp-new-<random>} without an explicit version),
 *       owned through its lock file {@code BASE/.tmp-….lock} ({@link Staging}: a later export
 *       removes the staging directories of killed runs, never a live one's);
 *   <li>writes the manifest {@code assets.extra/odenet.json};
 *   <li>renames the temporary directory to {@code BASE/<version>} atomically ({@link
 *       VersionPublisher}), so a server watching BASE never sees a half-written version. Without an
 *       explicit version, the version is chosen at this point, under a lock, so concurrent exports
 *       into one BASE get distinct versions. An existing version is never overwritten; on any
 *       failure the temporary directory is deleted.
 * </ol>
 *
 * <p>This class is the fluent front; the work is done by {@link SavedModelWriter} (graph build,
 * {@link TrainingOpCheck}, {@link ValueAssignment}, SavedModel export), {@link ManifestBuilder},
 * {@link Staging} and {@link VersionPublisher}.
 *
 * <p>A training checkpoint exports itself through this class ({@code result.best().export(base)} in
 * the train module, which also drops training-only state); direct use, for any graph:
 *
 * <pre>{@code
 * ExportResult r = Exporter.to(base).graph(ModelExport.of(spec)).values(snapshot)
 *     .source("trained by odenet train", null).export();
 * }</pre>
 */
public final class Exporter {
  public static final String TAG = "serve";
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;
  public static final String METHOD_NAME = "tensorflow/serving/predict";

  /** Op-name prefix of the load placeholders and assigns that the exporter adds. */
  public static final String LOAD_SCOPE = "odenet_load";

  private final Path base;
  private InferenceGraph graph;
  private Map<String, ? extends Tensor> values;
  private Session session;
  private VariableSnapshot snapshot;
  private Long version;
  private Manifest.Source source = Manifest.Source.of("exported by odenet4j");
  private CompressionProvenance compression;
  private ExportListener listener = (stage, dir) -> {};
  private final Map<String, byte[]> assets = new TreeMap<>();
  private boolean ignoreExtraValues;
  private Manifest.Training training;
  private List<String> classNames = List.of();

  private Exporter(Path base) {
    this.base = base;
  }

  /** An export into the model base directory {@code base} (created if needed). */
  public static Exporter to(Path base) {
    return new Exporter(base);
  }

  public Exporter graph(InferenceGraph inferenceGraph) {
    this.graph = inferenceGraph;
    return this;
  }

  /** Values by variable name (the caller keeps ownership of the tensors). */
  public Exporter values(Map<String, ? extends Tensor> valuesByName) {
    this.values = valuesByName;
    this.session = null;
    this.snapshot = null;
    return this;
  }

  /**
   * Values from a snapshot, e.g. {@code TrainingResult.last().values()}: the exporter makes the
   * tensors when it exports and closes them, so the caller manages none. A training snapshot also
   * holds training-only state (such as {@code <block>/variance_clamps}); combine with {@link
   * #ignoreExtraValues()} to skip it.
   */
  public Exporter values(VariableSnapshot valuesSnapshot) {
    this.snapshot = valuesSnapshot;
    this.values = null;
    this.session = null;
    return this;
  }

  /**
   * Skip values of variables the inference graph does not have instead of refusing them: a training
   * snapshot also holds training-only state such as {@code <block>/variance_clamps}.
   */
  public Exporter ignoreExtraValues() {
    this.ignoreExtraValues = true;
    return this;
  }

  /** Values fetched by variable name from a live (e.g. training) session. */
  public Exporter valuesFrom(Session liveSession) {
    this.session = liveSession;
    this.values = null;
    this.snapshot = null;
    return this;
  }

  /**
   * An explicit version (default: one more than the largest existing version when publishing, or
   * 1).
   */
  public Exporter version(long explicitVersion) {
    this.version = VersionPublisher.requireValid(explicitVersion);
    return this;
  }

  /** The provenance's source: what produced the values, and optionally the source's sha256. */
  public Exporter source(String operation, String sha256) {
    this.source = new Manifest.Source(operation, sha256);
    return this;
  }

  /** The provenance's training record (seed, trainer settings, refinement, data), or null. */
  public Exporter training(Manifest.Training trainingRecord) {
    this.training = trainingRecord;
    return this;
  }

  /**
   * The name of each class id, in id order (Fashion-MNIST's ten, a tagger's tag set), recorded in
   * the manifest as {@code class_names} and shown by {@code odenet predict --table}; none by
   * default.
   */
  public Exporter classNames(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || names.get(i).isEmpty()) {
        throw new IllegalArgumentException(
            "class names: expected a non-empty name for class " + i + ", found none");
      }
    }
    this.classNames = List.copyOf(names);
    return this;
  }

  /**
   * For a compressed model: the provenance's {@code compression} object (the source's provenance
   * and the plan); null (the default) records none.
   */
  public Exporter compression(CompressionProvenance compressionProvenance) {
    this.compression = compressionProvenance;
    return this;
  }

  /**
   * An extra file stored as {@code assets.extra/NAME} next to the manifest (a tagger's vocabulary
   * and tag set, say). TensorFlow Serving ignores {@code assets.extra}.
   */
  public Exporter asset(String name, byte[] content) {
    if (!isAssetName(name)) {
      throw new IllegalArgumentException(
          "asset: expected a plain file name other than odenet.json, found '" + name + "'");
    }
    assets.put(name, content.clone());
    return this;
  }

  /**
   * Whether {@link #asset} accepts the name: letters, digits, '.', '_' and '-', no leading '.', not
   * odenet.json.
   */
  public static boolean isAssetName(String name) {
    return name.matches("[A-Za-z0-9._-]+") && !name.equals("odenet.json") && !name.startsWith(".");
  }

  public Exporter listener(ExportListener exportListener) {
    this.listener = exportListener;
    return this;
  }

  /**
   * The next free version under {@code base}: one more than the largest numeric directory, or 1.
   */
  public static long nextVersion(Path base) {
    return Versions.next(base);
  }

  /** The numeric version directories under {@code base}, ascending. */
  public static List<Long> versions(Path base) {
    return Versions.list(base);
  }

  /** Builds, assigns, writes and publishes; returns the new version. */
  public ExportResult export() {
    if (graph == null) {
      throw new IllegalArgumentException("export: expected an inference graph, found none");
    }
    if (snapshot != null) {
      Map<String, TFloat32> tensors = snapshot.tensors();
      try {
        return export(ValueAssignment.fromMap(tensors, ignoreExtraValues));
      } finally {
        tensors.values().forEach(TFloat32::close);
      }
    }
    if (session != null) {
      return export(ValueAssignment.fromSession(session));
    }
    if (values == null) {
      throw new IllegalArgumentException(
          "export: expected variable values (a map, a snapshot or a live session), found none");
    }
    return export(ValueAssignment.fromMap(values, ignoreExtraValues));
  }

  private ExportResult export(ValueAssignment assignment) {
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      throw new UncheckedIOException(base + ": cannot create the model base directory", e);
    }
    if (version != null) {
      VersionPublisher.requireNew(base, version); // fail before any work
    }
    // the version is chosen when publishing (under a lock), so concurrent exports get distinct
    // versions
    Manifest manifest;
    long v;
    try (Staging staging = Staging.create(base, version != null ? Long.toString(version) : "new")) {
      Path tmp = staging.directory(); // exists from the first listener call on; deleted on failure
      manifest = writeStaged(tmp, assignment);
      v = VersionPublisher.publish(base, tmp, version);
    }
    Path target = base.resolve(Long.toString(v));
    // published: a failing listener must not make the export look failed (a retry would duplicate
    // it)
    try {
      listener.stage(ExportListener.Stage.PUBLISHED, target);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          target
              + ": published as version "
              + v
              + ", then the export listener failed at PUBLISHED: "
              + e.getMessage(),
          e);
    }
    return new ExportResult(target, v, manifest);
  }

  /** Writes the SavedModel, the assets and the manifest into the staging directory {@code tmp}. */
  private Manifest writeStaged(Path tmp, ValueAssignment assignment) {
    try {
      ManifestBuilder.GraphPart part = SavedModelWriter.write(tmp, graph, assignment, listener);
      listener.stage(ExportListener.Stage.SAVED_MODEL_WRITTEN, tmp);
      Manifest manifest =
          ManifestBuilder.build(tmp, part, source, compression, training, classNames);
      Path manifestFile = tmp.resolve(Manifest.PATH);
      Files.createDirectories(manifestFile.getParent());
      for (Map.Entry<String, byte[]> asset : assets.entrySet()) {
        Files.write(manifestFile.getParent().resolve(asset.getKey()), asset.getValue());
      }
      Files.writeString(manifestFile, manifest.toJson() + "\n", StandardCharsets.UTF_8);
      listener.stage(ExportListener.Stage.MANIFEST_WRITTEN, tmp);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(tmp + ": export failed: " + e.getMessage(), e);
    }
  }

  /** The odenet4j version of this library (from the build). */
  public static String odenet4jVersion() {
    return ManifestBuilder.libraryVersion();
  }
}
