package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * Every bad-input case gives one line naming the file, the field, what was expected and what was
 * found.
 */
class ValidationTest {
  @TempDir static Path tmp;
  static Path good;
  static Fixtures.Live live;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void exportOnce() {
    live = new Fixtures.Live(Fixtures.image());
    good =
        Exporter.to(tmp.resolve("good"))
            .graph(ModelExport.of(Fixtures.image()))
            .valuesFrom(live.session)
            .export()
            .directory();
  }

  @AfterAll
  static void close() {
    live.close();
  }

  private static int copies;

  private static Path copy() throws IOException {
    Path dst = tmp.resolve("copy" + (++copies));
    try (Stream<Path> s = Files.walk(good)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(good.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  private static String error(Path dir, boolean requireManifest) {
    try {
      SavedModels.validate(dir, requireManifest);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("\n").contains("expected").contains("found");
      return e.getMessage();
    }
    throw new AssertionError("no error for " + dir);
  }

  @Test
  void goodModelValidates() {
    assertThat(SavedModels.validate(good, true)).isEmpty();
  }

  @Test
  void missingDirectory() {
    Path dir = tmp.resolve("nope");
    assertThat(error(dir, false))
        .isEqualTo(dir + ": directory: expected a SavedModel directory, found no such directory");
  }

  @Test
  void missingSavedModelPb() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve("saved_model.pb"));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("saved_model.pb")
                + ": file: expected a SavedModel protobuf, found no such file");
  }

  @Test
  void missingIndex() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve("variables/variables.index"));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("variables/variables.index")
                + ": file: expected the checkpoint index, found no such file");
  }

  @Test
  void missingData() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve("variables/variables.data-00000-of-00001"));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("variables/variables.data-00000-of-00001")
                + ": file: expected the checkpoint data, found no such file");
  }

  @Test
  void truncatedDataWithManifest() throws IOException {
    Path dir = copy();
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    long size = Files.size(data);
    truncate(data, size - 100);
    assertThat(error(dir, false))
        .isEqualTo(
            data
                + ": size: expected "
                + size
                + " bytes (as in the manifest), found "
                + (size - 100)
                + " (truncated)");
  }

  @Test
  void truncatedDataWithoutManifest() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve(Manifest.PATH));
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    long size = Files.size(data);
    truncate(data, size / 2);
    long needed =
        Fixtures.inferenceVariables(Fixtures.image()).stream().mapToLong(v -> 4 * v.size()).sum();
    assertThat(size).isEqualTo(needed); // the data file is exactly the values, unpadded
    assertThat(error(dir, false))
        .isEqualTo(
            data
                + ": size: expected at least "
                + needed
                + " bytes (the "
                + Fixtures.inferenceVariables(Fixtures.image()).size()
                + " variables of saved_model.pb), found "
                + size / 2
                + " (truncated)");
  }

  @Test
  void truncatedIndex() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve(Manifest.PATH));
    Path index = dir.resolve("variables/variables.index");
    truncate(index, Files.size(index) / 2);
    assertThat(error(dir, false))
        .startsWith(
            dir.resolve("variables/variables") + ": checkpoint: expected readable values for ");
  }

  @Test
  void noServeTag() throws IOException {
    Path dir = copy();
    editProto(
        dir, mg -> mg.setMetaInfoDef(mg.getMetaInfoDef().toBuilder().clearTags().addTags("train")));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("saved_model.pb")
                + ": meta_graphs.meta_info_def.tags: expected a meta graph tagged 'serve', found [[train]]");
  }

  @Test
  void noServingDefault() throws IOException {
    Path dir = copy();
    editProto(
        dir,
        mg -> {
          SignatureDef sd = mg.getSignatureDefOrThrow("serving_default");
          mg.removeSignatureDef("serving_default").putSignatureDef("predict", sd);
        });
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("saved_model.pb")
                + ": signature_def: expected 'serving_default' in the meta graph tagged 'serve', found [image_bytes, predict]");
  }

  @Test
  void manifestMissing() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve(Manifest.PATH));
    String message =
        dir.resolve(Manifest.PATH) + ": file: expected an odenet manifest, found no such file";
    assertThat(error(dir, true)).isEqualTo(message);
    assertThat(SavedModels.validate(dir, false))
        .containsExactly(message + " (trainable parameters count all variables)");
    Inspection in = SavedModels.inspect(dir);
    assertThat(in.warnings())
        .containsExactly(message + " (trainable parameters count all variables)");
    assertThat(in.trainableParametersSource()).isEqualTo("all variables (no manifest)");
    assertThat(in.trainableParameters())
        .isEqualTo(
            Fixtures.inferenceVariables(Fixtures.image()).stream().mapToLong(v -> v.size()).sum());
    assertThat(in.odeBlocks()).isEmpty();
  }

  @Test
  void manifestShapeMismatch() throws IOException {
    Path dir = copy();
    String name =
        editManifestVariable(dir, "head/dense/bias", v -> ((ArrayNode) v.get("shape")).set(0, 4));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve(Manifest.PATH)
                + ": variables["
                + name
                + "].shape: expected [3] (as in saved_model.pb), found [4]");
  }

  @Test
  void manifestDtypeMismatch() throws IOException {
    Path dir = copy();
    editManifestVariable(dir, "head/dense/bias", v -> v.put("dtype", "float64"));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve(Manifest.PATH)
                + ": variables[head/dense/bias].dtype: expected float32 (as in saved_model.pb), found float64");
  }

  @Test
  void manifestNameMismatch() throws IOException {
    Path dir = copy();
    editManifestVariable(dir, "head/dense/bias", v -> v.put("name", "head/dense/b"));
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve(Manifest.PATH)
                + ": variables: expected an entry for head/dense/bias (a variable of saved_model.pb), found none");
  }

  @Test
  void manifestExtraVariable() throws IOException {
    Path dir = copy();
    ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve(Manifest.PATH).toFile());
    ((ArrayNode) m.get("variables"))
        .addObject()
        .put("name", "ghost")
        .put("dtype", "float32")
        .put("kind", "state")
        .putArray("shape")
        .add(2);
    JSON.writeValue(dir.resolve(Manifest.PATH).toFile(), m);
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve(Manifest.PATH)
                + ": variables[ghost]: expected a VariableV2 of that name in saved_model.pb, found none");
  }

  @Test
  void changedValuesFailTheChecksum() throws IOException {
    Path dir = copy();
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[0] ^= 1;
    Files.write(data, bytes);
    assertThat(error(dir, false))
        .startsWith(dir.resolve(Manifest.PATH) + ": provenance.variables_sha256: expected ");
  }

  @Test
  void nonFiniteValues() {
    try (VariableValues values = SavedModelReader.open(good).readValues();
        TFloat32 nan =
            TFloat32.tensorOf(
                Shape.of(3), DataBuffers.of(new float[] {0f, Float.NaN, 1f}, true, false))) {
      Map<String, Tensor> map = new LinkedHashMap<>(values.asMap());
      map.put("head/dense/bias", nan);
      Path dir =
          Exporter.to(tmp.resolve("nan"))
              .graph(ModelExport.of(Fixtures.image()))
              .values(map)
              .export()
              .directory();
      assertThat(error(dir, false))
          .isEqualTo(
              dir.resolve("variables/variables")
                  + ": head/dense/bias: expected finite values, found NaN at flat index 1 of 3");
    }
  }

  @Test
  void inspectionJson() throws IOException {
    Inspection in =
        SavedModels.inspect(good.getParent()); // a model base resolves to its latest version
    assertThat(in.directory()).isEqualTo(good.toString());
    var json = JSON.readTree(in.toJson());
    assertThat(in.toJson()).doesNotContain("\n");
    assertThat(
            json.has("signatures")
                && json.has("variables")
                && json.has("ode_blocks")
                && json.has("trainable_parameters")
                && json.has("variables_bytes"))
        .isTrue();
    assertThat(json.get("trainable_parameters").asLong()).isEqualTo(live.registry.parameterCount());
    assertThat(json.get("variables_bytes").asLong())
        .isEqualTo(
            Files.size(good.resolve("variables/variables.index"))
                + Files.size(good.resolve("variables/variables.data-00000-of-00001")));
    assertThat(json.get("ode_blocks")).hasSize(3);
    assertThat(json.get("signatures").get(0).get("inputs").get("images").get("shape").toString())
        .isEqualTo("[-1,8,8,1]");
  }

  /**
   * A TF2 SavedModel (resource variables) is refused, not reported as a model without variables.
   */
  @Test
  void resourceVariablesAreRefused() throws IOException {
    Path dir = copy();
    editProto(
        dir,
        mg ->
            mg.getGraphDefBuilder()
                .addNode(NodeDef.newBuilder().setName("dense/kernel").setOp("VarHandleOp"))
                .addNode(NodeDef.newBuilder().setName("dense/bias").setOp("VarHandleOp")));
    String expected =
        dir.resolve("saved_model.pb")
            + ": graph_def: expected VariableV2 variables (TF1 graph), found 2 VarHandleOp (a TF2 resource-variable SavedModel, not supported)";
    assertThat(error(dir, false)).isEqualTo(expected);
    assertThatThrownBy(() -> SavedModels.inspect(dir)).hasMessage(expected);
  }

  /**
   * With several meta graphs tagged serve, the one tagged exactly {serve} is read (as TF Serving
   * loads it).
   */
  @Test
  void metaGraphTaggedExactlyServeIsPreferred() throws IOException {
    Path dir = copy();
    Path pb = dir.resolve("saved_model.pb");
    SavedModel.Builder sm = SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
    MetaGraphDef.Builder gpu = sm.getMetaGraphs(0).toBuilder().clearSignatureDef();
    gpu.setMetaInfoDef(
        gpu.getMetaInfoDef().toBuilder().clearTags().addTags("serve").addTags("gpu"));
    sm.addMetaGraphs(0, gpu); // first, but not exactly {serve}, and without serving_default
    Files.write(pb, sm.build().toByteArray());
    assertThat(SavedModelReader.open(dir).metaGraph().getMetaInfoDef().getTagsList())
        .containsExactly("serve");
    assertThat(SavedModels.validate(dir, true)).isEmpty();
  }

  /**
   * A variable of unknown rank is one clear error, not "expected null" or a NullPointerException.
   */
  @Test
  void unknownRankVariable() throws IOException {
    Path dir = copy();
    String name =
        editFirstVariableAttr(
            dir,
            "shape",
            AttrValue.newBuilder()
                .setShape(TensorShapeProto.newBuilder().setUnknownRank(true))
                .build());
    assertThat(error(dir, false))
        .isEqualTo(
            dir.resolve("saved_model.pb")
                + ": node["
                + name
                + "].shape: expected a fully defined variable shape, found unknown rank");
  }

  /**
   * Variables of dtypes that are not float32/float64 are not restored for the finite check (a half
   * variable made the check fail naming no file); reading them explicitly fails naming file,
   * variable and dtype; string variables are never raw-copied.
   */
  @Test
  void nonFloatVariablesAreSkippedByTheFiniteCheckAndNamedWhenRead() throws IOException {
    for (DataType dt : List.of(DataType.DT_HALF, DataType.DT_STRING)) {
      Path dir = copy();
      Files.delete(
          dir.resolve(
              Manifest.PATH)); // the manifest would (rightly) report the dtype mismatch first
      String name = editFirstVariableAttr(dir, "dtype", AttrValue.newBuilder().setType(dt).build());
      assertThat(SavedModels.validate(dir, false))
          .hasSize(1)
          .allMatch(w -> w.contains("expected an odenet manifest"));
      String dtype = dt == DataType.DT_HALF ? "half" : "string";
      assertThatThrownBy(() -> SavedModelReader.open(dir).readValues())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              dir.resolve("saved_model.pb")
                  + ": variables["
                  + name
                  + "].dtype: expected float32, float64, int32, int64,"
                  + " uint8 or bool (the dtypes this reader copies), found "
                  + dtype);
    }
  }

  /**
   * Validation (and so inspect) rejects the block inconsistencies compression rejects: k
   * disagreeing with the basis, an invalid scheme, variables[].kind or .block disagreeing with
   * ode_blocks.
   */
  @Test
  void manifestBlocksAreCheckedAsStrictlyAsCompressionDoes() throws IOException {
    Path dir = copy();
    Path file = dir.resolve(Manifest.PATH);
    ObjectNode m = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode block = (ObjectNode) m.get("ode_blocks").get(0);
    String name = block.get("name").asText();
    String basis = block.get("basis").asText();
    int k = block.get("k").asInt();
    String scheme = block.get("scheme").asText();
    block.put("k", k + 1);
    JSON.writeValue(file.toFile(), m);
    assertThat(error(dir, false))
        .isEqualTo(
            file
                + ": ode_blocks["
                + name
                + "]: k: expected "
                + k
                + " (the K of "
                + basis
                + "), found "
                + (k + 1));

    block.put("k", k).put("scheme", "leapfrog");
    JSON.writeValue(file.toFile(), m);
    assertThat(error(dir, false))
        .startsWith(file + ": ode_blocks[" + name + "]: ")
        .contains("leapfrog");

    block.put("scheme", scheme);
    JSON.writeValue(file.toFile(), m);
    String variable = block.get("variables").get(0).get("name").asText();
    String kind = block.get("variables").get(0).get("kind").asText();
    String other = kind.equals("parameter") ? "state" : "parameter";
    editManifestVariable(dir, variable, v -> v.put("kind", other));
    assertThat(error(dir, false))
        .isEqualTo(
            file
                + ": variables["
                + variable
                + "].kind: expected "
                + kind
                + " (as in ode_blocks["
                + name
                + "]), found "
                + other);

    editManifestVariable(dir, variable, v -> v.put("kind", kind).put("block", "elsewhere"));
    assertThat(error(dir, false))
        .isEqualTo(
            file
                + ": variables["
                + variable
                + "].block: expected "
                + name
                + " (it is a variable of ode_blocks["
                + name
                + "]), found elsewhere");
  }

  private interface ProtoEdit {
    void edit(MetaGraphDef.Builder mg);
  }

  private static void editProto(Path dir, ProtoEdit edit) throws IOException {
    Path pb = dir.resolve("saved_model.pb");
    SavedModel.Builder sm = SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
    edit.edit(sm.getMetaGraphsBuilder(0));
    Files.write(pb, sm.build().toByteArray());
  }

  /** Sets one attribute of the graph's first VariableV2 node; returns the node's name. */
  private static String editFirstVariableAttr(Path dir, String attr, AttrValue value)
      throws IOException {
    String[] name = new String[1];
    editProto(
        dir,
        mg -> {
          var g = mg.getGraphDefBuilder();
          for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOp().equals("VariableV2")) {
              name[0] = g.getNode(i).getName();
              g.setNode(i, g.getNode(i).toBuilder().putAttr(attr, value));
              break;
            }
          }
        });
    return name[0];
  }

  private interface NodeEdit {
    void edit(ObjectNode variable);
  }

  private static String editManifestVariable(Path dir, String name, NodeEdit edit)
      throws IOException {
    Path file = dir.resolve(Manifest.PATH);
    ObjectNode m = (ObjectNode) JSON.readTree(file.toFile());
    for (var v : m.get("variables")) {
      if (v.get("name").asText().equals(name)) {
        edit.edit((ObjectNode) v);
      }
    }
    JSON.writeValue(file.toFile(), m);
    return name;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }
}
