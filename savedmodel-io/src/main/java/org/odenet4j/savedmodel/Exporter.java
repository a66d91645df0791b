package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

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
 * <pre>{@code
 * TrainingResult result = new Trainer(config).train(ModelTraining.of(spec), data);
 * ExportResult r = Exporter.to(base).graph(ModelExport.of(spec)).values(result.best().values()).ignoreExtraValues()
 *     .source("trained by odenet train", null).export();
 * }</pre>
 */
public final class Exporter {
  public static final String TAG = "serve";
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;
  public static final String METHOD_NAME = "tensorflow/serving/predict";

  /** Op-name prefix of the load placeholders and assigns that the exporter adds. */
  public static final String LOAD_SCOPE = "odenet_load";

  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TRAINING_OP =
      Pattern.compile("(Resource)?(Sparse)?Apply.*|.*Grad(V[0-9])?|.*GradInput|.*GradFilter");

  private final Path base;
  private InferenceGraph graph;
  private Map<String, ? extends Tensor> values;
  private Session session;
  private VariableSnapshot snapshot;
  private Long version;
  private Manifest.Source source = Manifest.Source.of("exported by odenet4j");
  private ExportListener listener = (stage, dir) -> {};
  private final Map<String, byte[]> assets = new java.util.TreeMap<>();
  private boolean ignoreExtraValues;
  private Manifest.Training training;

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
    return versions(base).stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }

  /** The numeric version directories under {@code base}, ascending. */
  public static List<Long> versions(Path base) {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    TreeSet<Long> found = new TreeSet<>();
    try (Stream<Path> s = Files.list(base)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VERSION.matcher(n).matches())
          .forEach(n -> found.add(Long.parseLong(n)));
    } catch (IOException e) {
      throw new UncheckedIOException(base + ": cannot list", e);
    }
    return List.copyOf(found);
  }

  /** Builds, assigns, writes and publishes; returns the new version. */
  public ExportResult export() {
    if (graph == null) {
      throw new IllegalArgumentException("export: expected an inference graph, found none");
    }
    if (snapshot != null) {
      Map<String, TFloat32> tensors = snapshot.tensors();
      try {
        return exportValues(tensors);
      } finally {
        tensors.values().forEach(TFloat32::close);
      }
    }
    if (values == null && session == null) {
      throw new IllegalArgumentException(
          "export: expected variable values (a map, a snapshot or a live session), found none");
    }
    return exportValues(values);
  }

  /**
   * @param valueMap the values by name, or null to fetch them from the live {@code session}
   */
  private ExportResult exportValues(Map<String, ? extends Tensor> valueMap) {
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
      Path tmp =
          staging.directory(); // exists from the first listener call on; deleted on any failure
      try {
        Built built = writeSavedModel(tmp, valueMap);
        listener.stage(ExportListener.Stage.SAVED_MODEL_WRITTEN, tmp);
        manifest = manifest(tmp, built);
        Path manifestFile = tmp.resolve(Manifest.PATH);
        Files.createDirectories(manifestFile.getParent());
        for (Map.Entry<String, byte[]> asset : assets.entrySet()) {
          Files.write(manifestFile.getParent().resolve(asset.getKey()), asset.getValue());
        }
        Files.writeString(manifestFile, manifest.toJson() + "\n", StandardCharsets.UTF_8);
        listener.stage(ExportListener.Stage.MANIFEST_WRITTEN, tmp);
      } catch (IOException e) {
        throw new UncheckedIOException(tmp + ": export failed: " + e.getMessage(), e);
      }
      v = VersionPublisher.publish(base, tmp, version);
    }
    Path target = base.resolve(Long.toString(v));
    ExportResult result = new ExportResult(target, v, manifest);
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
    return result;
  }

  /** What the graph build produced, for the manifest. */
  private record Built(
      List<Manifest.VariableEntry> variables,
      List<Manifest.BlockEntry> blocks,
      String modelSpecJson) {}

  private Built writeSavedModel(Path tmp, Map<String, ? extends Tensor> valueMap)
      throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      SignatureOutputs sig = graph.build(tf, registry);
      GraphDef def = g.toGraphDef();
      rejectTrainingOps(def);
      // every VariableV2 of the graph, in graph order
      Map<String, NodeDef> graphVariables = new LinkedHashMap<>();
      for (NodeDef n : def.getNodeList()) {
        if (n.getOp().equals("VariableV2")) {
          graphVariables.put(n.getName(), n);
        } else if (n.getOp().equals("VarHandleOp")) {
          throw new IllegalArgumentException(
              "inference graph: expected VariableV2 variables only (resource variables are not saved by TF Java), found VarHandleOp '"
                  + n.getName()
                  + "'");
        }
      }
      for (ModelVariable mv : registry.all()) {
        if (!graphVariables.containsKey(mv.name())) {
          throw new IllegalStateException(
              "inference graph: expected variable " + mv.name() + " in the graph, found none");
        }
      }
      List<Manifest.VariableEntry> entries = new ArrayList<>();
      for (NodeDef n : graphVariables.values()) {
        ModelVariable mv = registry.contains(n.getName()) ? registry.get(n.getName()) : null;
        entries.add(
            new Manifest.VariableEntry(
                n.getName(),
                Dtypes.dims(n.getAttrOrThrow("shape").getShape()),
                Dtypes.name(n.getAttrOrThrow("dtype").getType()),
                mv == null || mv.kind() == VariableKind.PARAMETER
                    ? Manifest.PARAMETER
                    : Manifest.STATE,
                mv == null ? null : mv.block()));
      }
      List<Manifest.BlockEntry> blocks = blocks(registry);
      try (Session s = new Session(g)) {
        assignValues(tf, s, graphVariables, valueMap);
        listener.stage(ExportListener.Stage.VALUES_ASSIGNED, tmp);
        Signature.Builder sb = Signature.builder().key(SIGNATURE_KEY).methodName(METHOD_NAME);
        sig.inputs().forEach(sb::input);
        sig.outputs().forEach(sb::output);
        try {
          SavedModelBundle.exporter(tmp.toString())
              .withTags(TAG)
              .withSession(s)
              .withSignature(sb.build())
              .export();
        } catch (TensorFlowException e) {
          // the checkpoint write failed (e.g. no space left on device): the OS error, not TF's
          // multi-line status with its OOM hint
          throw new IOException(
              "checkpoint write failed: " + SavedModelReader.firstLine(e.getMessage()), e);
        }
      }
      return new Built(
          entries, blocks, graph.modelSpec() == null ? null : graph.modelSpec().toJson());
    }
  }

  private static List<Manifest.BlockEntry> blocks(ParameterRegistry registry) {
    List<Manifest.BlockEntry> blocks = new ArrayList<>();
    for (OdeBlockInfo info : OdeBlocks.of(registry).all()) {
      OdeBlockSpec spec = info.spec();
      List<Manifest.BlockVariable> vars = new ArrayList<>();
      for (ModelVariable mv : registry.variablesOf(info.name())) {
        vars.add(
            new Manifest.BlockVariable(
                mv.name(),
                Dtypes.dims(mv.shape()),
                mv.kind() == VariableKind.PARAMETER ? Manifest.PARAMETER : Manifest.STATE));
      }
      blocks.add(
          new Manifest.BlockEntry(
              info.name(),
              spec.basis(),
              BasisSpec.parse(spec.basis()).size(),
              spec.steps(),
              spec.scheme(),
              spec.epsilon(),
              vars));
    }
    return blocks;
  }

  private static void rejectTrainingOps(GraphDef def) {
    for (NodeDef n : def.getNodeList()) {
      String op = n.getOp();
      boolean training = TRAINING_OP.matcher(op).matches() && !op.equals("Conv2DBackpropInput");
      if (op.startsWith("FusedBatchNorm")) {
        AttrValue t = n.getAttrMap().get("is_training");
        training |= t != null && t.getB();
      }
      if (op.equals("Assign")
          || op.equals("AssignAdd")
          || op.equals("AssignSub")
          || op.startsWith("AssignVariable")) {
        throw new IllegalArgumentException(
            "inference graph: expected no assign ops (the exporter assigns the values; build variables uninitialised with "
                + "ParameterRegistry.empty or tf.variable(shape, type)), found "
                + op
                + " '"
                + n.getName()
                + "'");
      }
      if (training) {
        throw new IllegalArgumentException(
            "inference graph: expected inference ops only, found the training op "
                + op
                + " '"
                + n.getName()
                + "'");
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void assignValues(
      Ops tf,
      Session s,
      Map<String, NodeDef> graphVariables,
      Map<String, ? extends Tensor> valueMap) {
    List<String> names = new ArrayList<>(graphVariables.keySet());
    Result fetched = null;
    try {
      Map<String, Tensor> byName = new LinkedHashMap<>();
      if (session != null) {
        Session.Runner r = session.runner();
        for (String name : names) {
          if (session.graph().operation(name) == null) {
            throw new IllegalArgumentException(
                "values: expected variable "
                    + name
                    + " in the live session's graph, found no op of that name");
          }
          r.fetch(name);
        }
        fetched = names.isEmpty() ? null : r.run();
        for (int i = 0; i < names.size(); i++) {
          byName.put(names.get(i), fetched.get(i));
        }
      } else {
        List<String> missing = names.stream().filter(n -> !valueMap.containsKey(n)).toList();
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(
              "values: expected a value for every variable, found none for " + missing);
        }
        List<String> extra =
            valueMap.keySet().stream()
                .filter(n -> !graphVariables.containsKey(n))
                .sorted()
                .toList();
        if (!extra.isEmpty() && !ignoreExtraValues) {
          throw new IllegalArgumentException(
              "values: expected only variables of the inference graph, found values for unknown "
                  + extra);
        }
        for (String name : names) {
          byName.put(name, valueMap.get(name));
        }
      }
      Ops load = tf.withSubScope(LOAD_SCOPE);
      Session.Runner runner = s.runner();
      int i = 0;
      for (String name : names) {
        NodeDef node = graphVariables.get(name);
        Tensor value = byName.get(name);
        DataType dtype = node.getAttrOrThrow("dtype").getType();
        List<Long> shape = Dtypes.dims(node.getAttrOrThrow("shape").getShape());
        if (value.dataType() != dtype || !Dtypes.dims(value.shape()).equals(shape)) {
          throw new IllegalArgumentException(
              "values: variable "
                  + name
                  + ": expected "
                  + Dtypes.name(dtype)
                  + " "
                  + shape
                  + ", found "
                  + Dtypes.name(value.dataType())
                  + " "
                  + Arrays.toString(value.shape().asArray()));
        }
        Class<? extends TType> type;
        try {
          type = Dtypes.tensorClass(dtype);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("values: variable " + name + ": " + e.getMessage(), e);
        }
        Placeholder p =
            load.withName("value" + i)
                .placeholder(type, Placeholder.shape(Shape.of(toArray(shape))));
        Operand variable = (Operand) s.graph().operation(name).output(0);
        runner.feed(p, value).addTarget(load.withName("assign" + i).assign(variable, p));
        i++;
      }
      if (!names.isEmpty()) {
        runner.run().close();
      }
    } finally {
      if (fetched != null) {
        fetched.close();
      }
    }
  }

  private static long[] toArray(List<Long> dims) {
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private Manifest manifest(Path dir, Built built) throws IOException {
    SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
    MetaGraphDef mg = sm.getMetaGraphs(0);
    SignatureDef sd = mg.getSignatureDefOrThrow(SIGNATURE_KEY);
    Manifest.SignatureEntry signature =
        new Manifest.SignatureEntry(
            SIGNATURE_KEY,
            sd.getMethodName(),
            List.copyOf(mg.getMetaInfoDef().getTagsList()),
            tensors(sd.getInputsMap()),
            tensors(sd.getOutputsMap()));
    return new Manifest(
        Manifest.FORMAT_VERSION,
        built.modelSpecJson() == null ? null : Manifest.MAPPER.readTree(built.modelSpecJson()),
        signature,
        built.blocks(),
        built.variables(),
        Checksums.variablesSizes(dir),
        new Manifest.Provenance(
            odenet4jVersion(),
            TensorFlow.version(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
            Checksums.variablesSha256(dir),
            source,
            training));
  }

  static Map<String, Manifest.TensorEntry> tensors(Map<String, TensorInfo> infos) {
    Map<String, Manifest.TensorEntry> out = new java.util.TreeMap<>();
    infos.forEach(
        (k, ti) ->
            out.put(
                k,
                new Manifest.TensorEntry(
                    Dtypes.name(ti.getDtype()), Dtypes.dims(ti.getTensorShape()), ti.getName())));
    return out;
  }

  /** The odenet4j version of this library (from the build). */
  public static String odenet4jVersion() {
    Properties p = new Properties();
    try (InputStream in = Exporter.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
