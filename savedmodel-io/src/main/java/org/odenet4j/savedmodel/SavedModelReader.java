package org.odenet4j.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.family.TType;

/**
 * Reads a SavedModel as data, never executing its graph: {@code saved_model.pb} is parsed as a
 * plain protobuf, and variable values come from a graph of our own holding a single {@code
 * RestoreV2} op over {@code variables/variables} (names and dtypes from the {@code VariableV2}
 * nodes of the GraphDef). So a model whose graph has side effects is safe to read.
 */
public final class SavedModelReader {
  public static final String SAVED_MODEL_PB = "saved_model.pb";

  /**
   * Dtypes {@link #readValues} reads: fixed-size ones whose raw bytes can be copied (not string: a
   * TString's long elements point into memory owned by the original tensor).
   */
  static final java.util.Set<DataType> READABLE =
      java.util.EnumSet.of(
          DataType.DT_FLOAT,
          DataType.DT_DOUBLE,
          DataType.DT_INT32,
          DataType.DT_INT64,
          DataType.DT_UINT8,
          DataType.DT_BOOL);

  private final Path dir;
  private final SavedModel savedModel;
  private final MetaGraphDef metaGraph;

  /**
   * A variable as the GraphDef declares it.
   *
   * @param name op name = checkpoint key
   * @param dtype data type
   * @param shape dimensions
   */
  public record VariableSpec(String name, DataType dtype, List<Long> shape) {
    /** Bytes of its value, or -1 if unknown. */
    public long bytes() {
      return Dtypes.bytes(dtype, shape);
    }

    public String dtypeName() {
      return Dtypes.name(dtype);
    }
  }

  private SavedModelReader(Path dir, SavedModel savedModel, MetaGraphDef metaGraph) {
    this.dir = dir;
    this.savedModel = savedModel;
    this.metaGraph = metaGraph;
  }

  /**
   * Parses {@code dir/saved_model.pb} and selects the meta graph tagged {@code serve}: the one
   * whose tag set is exactly {serve} (as {@code SavedModelBundle.load} and TensorFlow Serving
   * choose), else the first whose tags contain serve.
   */
  public static SavedModelReader open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          dir + ": directory: expected a SavedModel directory, found no such directory");
    }
    Path pb = dir.resolve(SAVED_MODEL_PB);
    SavedModel sm;
    try {
      sm = SavedModel.parseFrom(Files.readAllBytes(pb));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          pb + ": file: expected a SavedModel protobuf, found no such file");
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          pb
              + ": protobuf: expected a SavedModel message, found unparsable bytes ("
              + e.getMessage()
              + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(pb + ": cannot read", e);
    }
    // as SavedModelBundle.load and TensorFlow Serving: the meta graph tagged exactly {serve}; else
    // the first containing serve
    List<List<String>> tags = new ArrayList<>();
    MetaGraphDef containing = null;
    for (MetaGraphDef mg : sm.getMetaGraphsList()) {
      List<String> t = mg.getMetaInfoDef().getTagsList();
      tags.add(List.copyOf(t));
      if (java.util.Set.copyOf(t).equals(java.util.Set.of(Exporter.TAG))) {
        return new SavedModelReader(dir, sm, mg);
      }
      if (containing == null && t.contains(Exporter.TAG)) {
        containing = mg;
      }
    }
    if (containing != null) {
      return new SavedModelReader(dir, sm, containing);
    }
    throw new IllegalArgumentException(
        pb
            + ": meta_graphs.meta_info_def.tags: expected a meta graph tagged '"
            + Exporter.TAG
            + "', found "
            + tags);
  }

  public Path directory() {
    return dir;
  }

  public SavedModel savedModel() {
    return savedModel;
  }

  /** The meta graph tagged {@code serve}. */
  public MetaGraphDef metaGraph() {
    return metaGraph;
  }

  /** The manifest, or null if the model has none. */
  public Manifest manifest() {
    return Manifest.read(dir);
  }

  /**
   * The {@code VariableV2} nodes of the graph, in graph order.
   *
   * @throws IllegalArgumentException for a TF2 SavedModel (resource variables, {@code
   *     VarHandleOp}), whose variables this reader does not see, and for a variable without a fully
   *     defined shape
   */
  public List<VariableSpec> variables() {
    Path pb = dir.resolve(SAVED_MODEL_PB);
    List<VariableSpec> out = new ArrayList<>();
    int resourceVariables = 0;
    for (NodeDef n : metaGraph.getGraphDef().getNodeList()) {
      if (n.getOp().equals("VarHandleOp")) {
        resourceVariables++;
      } else if (n.getOp().equals("VariableV2")) {
        AttrValue shape = n.getAttrMap().get("shape");
        AttrValue dtype = n.getAttrMap().get("dtype");
        if (dtype == null || shape == null) {
          throw new IllegalArgumentException(
              pb
                  + ": node["
                  + n.getName()
                  + "].attr: expected dtype and shape of a VariableV2, found "
                  + new java.util.TreeSet<>(n.getAttrMap().keySet()));
        }
        List<Long> dims = Dtypes.dims(shape.getShape());
        if (dims == null || dims.stream().anyMatch(d -> d < 0)) {
          throw new IllegalArgumentException(
              pb
                  + ": node["
                  + n.getName()
                  + "].shape: expected a fully defined variable shape, found "
                  + (dims == null ? "unknown rank" : dims));
        }
        out.add(new VariableSpec(n.getName(), dtype.getType(), dims));
      }
    }
    if (resourceVariables > 0) {
      throw new IllegalArgumentException(
          pb
              + ": graph_def: expected VariableV2 variables (TF1 graph), found "
              + resourceVariables
              + " VarHandleOp (a TF2 resource-variable SavedModel, not supported)");
    }
    return out;
  }

  /** The checkpoint prefix, {@code dir/variables/variables}. */
  public Path checkpointPrefix() {
    return dir.resolve("variables").resolve("variables");
  }

  /** Reads every variable's value. */
  public VariableValues readValues() {
    return readValues(variables().stream().map(VariableSpec::name).toList());
  }

  /**
   * Reads the named variables' values through one {@code RestoreV2} op of our own (dtypes: {@link
   * #READABLE}; others fail naming the variable).
   */
  public VariableValues readValues(Collection<String> names) {
    Map<String, VariableSpec> specs = new LinkedHashMap<>();
    variables().forEach(v -> specs.put(v.name(), v));
    List<String> wanted = new ArrayList<>(names);
    List<Class<? extends TType>> types = new ArrayList<>();
    for (String n : wanted) {
      VariableSpec spec = specs.get(n);
      if (spec == null) {
        throw new IllegalArgumentException(
            dir.resolve(SAVED_MODEL_PB)
                + ": variable: expected a VariableV2 named '"
                + n
                + "', found none");
      }
      if (!READABLE.contains(spec.dtype())) {
        throw new IllegalArgumentException(
            dir.resolve(SAVED_MODEL_PB)
                + ": variables["
                + n
                + "].dtype: expected float32, float64, int32, int64, uint8 or bool"
                + " (the dtypes this reader copies), found "
                + spec.dtypeName());
      }
      types.add(Dtypes.tensorClass(spec.dtype()));
    }
    if (wanted.isEmpty()) {
      return new VariableValues(Map.of());
    }
    String[] empty = new String[wanted.size()];
    java.util.Arrays.fill(empty, "");
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Restore restore =
          tf.train.restore(
              tf.constant(checkpointPrefix().toString()),
              tf.constant(NdArrays.vectorOfObjects(wanted.toArray(new String[0]))),
              tf.constant(NdArrays.vectorOfObjects(empty)),
              types);
      Session.Runner runner = s.runner();
      restore.tensors().forEach(runner::fetch);
      Map<String, Tensor> out = new LinkedHashMap<>();
      try (Result r = runner.run()) {
        // Result closes its tensors: hand over copies that the holder owns
        for (int i = 0; i < wanted.size(); i++) {
          out.put(wanted.get(i), copy(r.get(i)));
        }
      } catch (RuntimeException e) {
        out.values().forEach(Tensor::close);
        throw e;
      }
      return new VariableValues(out);
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException(
          checkpointPrefix()
              + ": checkpoint: expected readable values for "
              + wanted.size()
              + " variables, found: "
              + firstLine(e.getMessage()),
          e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Tensor copy(Tensor t) {
    return Tensor.of((Class) Dtypes.tensorClass(t.dataType()), t.shape(), t.asRawTensor().data());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse("unknown error");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
