package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Result;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

class ExporterTest {
  static Fixtures.Live live;
  @TempDir static Path tmp;
  static ExportResult first;
  static List<ModelVariable> inference;

  @BeforeAll
  static void exportOnce() {
    live = new Fixtures.Live(Fixtures.image());
    inference = Fixtures.inferenceVariables(Fixtures.image());
    first =
        Exporter.to(tmp.resolve("base"))
            .graph(ModelExport.of(Fixtures.image()))
            .valuesFrom(live.session)
            .source("trained by odenet train", null)
            .export();
  }

  @AfterAll
  static void close() {
    live.close();
  }

  @Test
  void writesTheServingLayout() {
    Path dir = first.directory();
    assertThat(first.version()).isEqualTo(1);
    assertThat(dir).isEqualTo(tmp.resolve("base").resolve("1"));
    assertThat(dir.resolve("saved_model.pb")).isRegularFile();
    assertThat(dir.resolve("variables/variables.index")).isRegularFile();
    assertThat(dir.resolve("variables/variables.data-00000-of-00001")).isRegularFile();
    assertThat(dir.resolve("assets.extra/odenet.json")).isRegularFile();
  }

  /**
   * Proto-level check of saved_model.pb: tags, signature key, method name, dtypes, -1 batch
   * dimension, inference ops only.
   */
  @Test
  void savedModelProto() throws Exception {
    SavedModel sm =
        SavedModel.parseFrom(Files.readAllBytes(first.directory().resolve("saved_model.pb")));
    assertThat(sm.getMetaGraphsCount()).isEqualTo(1);
    MetaGraphDef mg = sm.getMetaGraphs(0);
    assertThat(mg.getMetaInfoDef().getTagsList()).containsExactly("serve");
    assertThat(mg.getSignatureDefMap()).containsOnlyKeys("serving_default", "image_bytes");
    SignatureDef bytes = mg.getSignatureDefOrThrow("image_bytes");
    assertThat(bytes.getMethodName()).isEqualTo("tensorflow/serving/predict");
    assertThat(bytes.getInputsOrThrow("image_bytes").getDtype()).isEqualTo(DataType.DT_STRING);
    assertThat(Dtypes.dims(bytes.getInputsOrThrow("image_bytes").getTensorShape()))
        .containsExactly(-1L);
    assertThat(bytes.getOutputsMap()).containsOnlyKeys("logits", "probabilities", "classes");
    SignatureDef sd = mg.getSignatureDefOrThrow("serving_default");
    assertThat(sd.getMethodName()).isEqualTo("tensorflow/serving/predict");
    assertThat(sd.getInputsMap()).containsOnlyKeys("images");
    assertThat(sd.getOutputsMap()).containsOnlyKeys("logits", "probabilities", "classes");
    TensorInfo images = sd.getInputsOrThrow("images");
    assertThat(images.getDtype()).isEqualTo(DataType.DT_FLOAT);
    assertThat(Dtypes.dims(images.getTensorShape())).containsExactly(-1L, 8L, 8L, 1L);
    assertThat(sd.getOutputsOrThrow("logits").getDtype()).isEqualTo(DataType.DT_FLOAT);
    assertThat(Dtypes.dims(sd.getOutputsOrThrow("logits").getTensorShape()))
        .containsExactly(-1L, 3L);
    assertThat(Dtypes.dims(sd.getOutputsOrThrow("probabilities").getTensorShape()))
        .containsExactly(-1L, 3L);
    assertThat(sd.getOutputsOrThrow("classes").getDtype()).isEqualTo(DataType.DT_INT64);
    assertThat(Dtypes.dims(sd.getOutputsOrThrow("classes").getTensorShape())).containsExactly(-1L);
    List<NodeDef> nodes = mg.getGraphDef().getNodeList();
    assertThat(nodes.stream().filter(n -> n.getOp().equals("VariableV2")).map(NodeDef::getName))
        .containsExactlyElementsOf(inference.stream().map(ModelVariable::name).toList());
    assertThat(live.registry.all().size())
        .isGreaterThan(inference.size()); // training-only state is not exported
    assertThat(nodes)
        .noneMatch(
            n ->
                n.getOp().startsWith("Apply")
                    || n.getOp().endsWith("Grad")
                    || n.getName().startsWith("train/"));
    assertThat(nodes)
        .noneMatch(
            n -> n.getOp().startsWith("FusedBatchNorm") && n.getAttrOrThrow("is_training").getB());
  }

  @Test
  void manifestDescribesBlocksVariablesAndProvenance() throws Exception {
    String text = Files.readString(first.directory().resolve(Manifest.PATH));
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(json.get("format_version").asInt()).isEqualTo(1);
    assertThat(json.get("model_spec").get("kind").asText()).isEqualTo("image");
    assertThat(json.get("ode_blocks")).hasSize(3);
    JsonNode b = json.get("ode_blocks").get(0);
    assertThat(b.get("name").asText()).isEqualTo(OdeBlocks.of(live.registry).all().get(0).name());
    assertThat(b.get("basis").asText()).isEqualTo("piecewise_constant:2");
    assertThat(b.get("k").asInt()).isEqualTo(2);
    assertThat(b.get("steps").asInt()).isEqualTo(2);
    assertThat(b.get("scheme").asText()).isEqualTo("euler");
    assertThat(b.get("epsilon").asDouble()).isEqualTo(1.0);
    assertThat(b.get("variables").size())
        .isEqualTo(
            inference.stream().filter(v -> b.get("name").asText().equals(v.block())).count());
    assertThat(json.get("variables")).hasSize(inference.size());
    Manifest m = Manifest.fromJson(text, "odenet.json");
    for (ModelVariable v : inference) {
      Manifest.VariableEntry e =
          m.variables().stream().filter(x -> x.name().equals(v.name())).findFirst().orElseThrow();
      assertThat(e.shape()).isEqualTo(Dtypes.dims(v.shape()));
      assertThat(e.dtype()).isEqualTo("float32");
      assertThat(e.kind()).isEqualTo(v.kind().name().toLowerCase());
      assertThat(e.block()).isEqualTo(v.block());
    }
    assertThat(m.spec()).isEqualTo(Fixtures.image());
    assertThat(m.trainableParameters()).isEqualTo(live.registry.parameterCount());
    assertThat(m.signature().key()).isEqualTo("serving_default");
    assertThat(m.signature().inputs().get("images").shape()).containsExactly(-1L, 8L, 8L, 1L);
    Manifest.Provenance p = m.provenance();
    assertThat(p.tensorflowVersion()).isEqualTo(TensorFlow.version());
    assertThat(p.odenet4jVersion()).isEqualTo(Exporter.odenet4jVersion()).doesNotContain("${");
    assertThat(Instant.parse(p.created())).isBeforeOrEqualTo(Instant.now());
    assertThat(p.created()).endsWith("Z");
    assertThat(p.variablesSha256())
        .isEqualTo(Checksums.variablesSha256(first.directory()))
        .hasSize(64);
    assertThat(p.source().operation()).isEqualTo("trained by odenet train");
    assertThat(m.variablesFiles()).isEqualTo(Checksums.variablesSizes(first.directory()));
  }

  /** The reader returns exactly the live values, through its own RestoreV2 graph. */
  @Test
  void readerReturnsTheLiveValues() {
    SavedModelReader reader = SavedModelReader.open(first.directory());
    try (VariableValues values = reader.readValues()) {
      assertThat(values.names())
          .containsExactlyElementsOf(inference.stream().map(ModelVariable::name).toList());
      for (ModelVariable v : inference) {
        try (Result r = live.session.runner().fetch(v.name()).run()) {
          assertThat(values.floats(v.name())).containsExactly(Fixtures.floats((TFloat32) r.get(0)));
          assertThat(values.shape(v.name())).containsExactly(v.shape());
        }
      }
    }
  }

  /**
   * Second route to the same SavedModel values: a snapshot captured from the live session (the
   * exporter makes and closes the tensors) exports exactly the values the live-session export
   * wrote.
   */
  @Test
  void snapshotExportsTheLiveSessionsValues() {
    VariableSnapshot snapshot = VariableSnapshot.capture(live.session, live.registry);
    ExportResult fromSnapshot =
        Exporter.to(tmp.resolve("snapshot"))
            .graph(ModelExport.of(Fixtures.image()))
            .values(snapshot)
            .ignoreExtraValues()
            .export();
    try (VariableValues expected = SavedModelReader.open(first.directory()).readValues();
        VariableValues actual = SavedModelReader.open(fromSnapshot.directory()).readValues()) {
      assertThat(actual.names()).containsExactlyElementsOf(expected.names());
      for (String name : expected.names()) {
        assertThat(actual.floats(name)).as(name).containsExactly(expected.floats(name));
      }
    }
  }

  @Test
  void versionsAreNextFreeOrExplicitAndNeverOverwritten() throws Exception {
    Path base = tmp.resolve("versions");
    ExportResult a = export(base, null);
    ExportResult b = export(base, null);
    assertThat(a.version()).isEqualTo(1);
    assertThat(b.version()).isEqualTo(2);
    assertThat(export(base, 7L).version()).isEqualTo(7);
    assertThat(export(base, null).version()).isEqualTo(8);
    assertThatThrownBy(() -> export(base, 2L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            base.resolve("2")
                + ": version: expected a new version, found version 2 already exists (not overwritten)");
    try (Stream<Path> s = Files.list(base)) {
      // plus the publish lock file (hidden, non-numeric: servers ignore it)
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(VersionPublisher.LOCK_FILE, "1", "2", "7", "8");
    }
    // the same check, for commands that refuse an existing version before any work
    assertThatThrownBy(() -> VersionPublisher.requireNew(base, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            base.resolve("7")
                + ": version: expected a new version, found version 7 already exists (not overwritten)");
    assertThatThrownBy(() -> VersionPublisher.requireNew(base, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version: expected an integer >= 0, found -1");
    VersionPublisher.requireNew(base, 3); // free
    VersionPublisher.requireNew(tmp.resolve("no-such-base"), 1);
    // values from a map (read back from version 1) give identical variables files
    try (VariableValues values = SavedModelReader.open(a.directory()).readValues()) {
      ExportResult c =
          Exporter.to(base)
              .graph(ModelExport.of(Fixtures.image()))
              .values(values.asMap())
              .source("re-exported from 1", a.manifest().provenance().variablesSha256())
              .export();
      assertThat(c.version()).isEqualTo(9);
      assertThat(c.manifest().provenance().variablesSha256())
          .isEqualTo(a.manifest().provenance().variablesSha256());
      assertThat(c.manifest().provenance().source().sha256())
          .isEqualTo(a.manifest().provenance().variablesSha256());
    }
  }

  @Test
  void failedExportLeavesNothingBehind() throws Exception {
    Path base = tmp.resolve("failing");
    try (VariableValues values = SavedModelReader.open(first.directory()).readValues()) {
      Map<String, org.tensorflow.Tensor> some = new java.util.LinkedHashMap<>(values.asMap());
      String dropped = some.keySet().iterator().next();
      some.remove(dropped);
      assertThatThrownBy(
              () -> Exporter.to(base).graph(ModelExport.of(Fixtures.image())).values(some).export())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "values: expected a value for every variable, found none for [" + dropped + "]");
    }
    // failure after the SavedModel was written: the temporary directory is removed
    assertThatThrownBy(
            () ->
                Exporter.to(base)
                    .graph(ModelExport.of(Fixtures.image()))
                    .valuesFrom(live.session)
                    .listener(
                        (stage, dir) -> {
                          if (stage == ExportListener.Stage.MANIFEST_WRITTEN) {
                            assertThat(dir.getFileName().toString()).startsWith(".tmp-new-");
                            throw new IllegalStateException("disk full");
                          }
                        })
                    .export())
        .hasMessage("disk full");
    try (Stream<Path> s = Files.list(base)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void rejectsTrainingGraphs() {
    assertThatThrownBy(
            () ->
                Exporter.to(tmp.resolve("train"))
                    .valuesFrom(live.session)
                    .graph(
                        (tf, registry) -> {
                          var x = Models.input(tf, Fixtures.image());
                          var out =
                              Models.build(
                                  LayerContext.root(registry, Mode.TRAIN, "train"),
                                  Fixtures.image(),
                                  x);
                          return SignatureOutputs.builder()
                              .input("images", x)
                              .output("logits", out.logits())
                              .build();
                        })
                    .export())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("inference graph: expected");
    assertThat(tmp.resolve("train")).isEmptyDirectory();
  }

  /**
   * Two exports into one BASE that both finish staging before either publishes (held at a barrier)
   * both succeed, with distinct versions: the version is chosen at publish time, under the lock.
   * (Choosing it at the start gave both version 1; the second rename then failed and its model was
   * lost.)
   */
  @Test
  void concurrentExportsIntoOneBaseGetDistinctVersions() throws Exception {
    Path base = tmp.resolve("concurrent");
    java.util.concurrent.CyclicBarrier bothStaged = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try (VariableValues values = SavedModelReader.open(first.directory()).readValues()) {
      java.util.concurrent.Callable<ExportResult> job =
          () ->
              Exporter.to(base)
                  .graph(ModelExport.of(Fixtures.image()))
                  .values(values.asMap())
                  .listener(
                      (stage, dir) -> {
                        if (stage == ExportListener.Stage.MANIFEST_WRITTEN) {
                          try {
                            bothStaged.await(60, java.util.concurrent.TimeUnit.SECONDS);
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        }
                      })
                  .export();
      var a = pool.submit(job);
      var b = pool.submit(job);
      List<Long> got =
          Stream.of(
                  a.get(120, java.util.concurrent.TimeUnit.SECONDS),
                  b.get(120, java.util.concurrent.TimeUnit.SECONDS))
              .map(ExportResult::version)
              .sorted()
              .toList();
      assertThat(got).containsExactly(1L, 2L);
    } finally {
      pool.shutdownNow();
    }
    assertThat(Exporter.versions(base)).containsExactly(1L, 2L);
    for (long v : List.of(1L, 2L)) {
      assertThat(SavedModels.validate(base.resolve(Long.toString(v)), true))
          .as("version %d", v)
          .isEmpty();
    }
    try (Stream<Path> s = Files.list(base)) { // no staging directory left
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(VersionPublisher.LOCK_FILE, "1", "2");
    }
  }

  /**
   * An explicit version that exists as an EMPTY directory is refused, not replaced (a rename onto
   * an empty directory succeeds on Linux); the staged directory is left for the caller, untouched.
   */
  @Test
  void publishingOntoAnExistingEmptyVersionIsRefused() throws Exception {
    Path base = tmp.resolve("empty-version");
    Path existing = Files.createDirectories(base.resolve("4"));
    Path staged = Files.createDirectories(base.resolve(".tmp-4-000000000000"));
    Files.writeString(staged.resolve("saved_model.pb"), "x");
    assertThatThrownBy(() -> VersionPublisher.publish(base, staged, 4L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            existing
                + ": version: expected a new version, found version 4 already exists (not overwritten)");
    assertThat(existing).isEmptyDirectory();
    assertThat(staged.resolve("saved_model.pb")).hasContent("x");
    // without an explicit version the next free version is taken
    assertThat(VersionPublisher.publish(base, staged, null)).isEqualTo(5);
    assertThat(base.resolve("5/saved_model.pb")).hasContent("x");
    // the exporter's early check refuses it too, before any work
    assertThatThrownBy(() -> export(base, 4L))
        .hasMessage(
            existing
                + ": version: expected a new version, found version 4 already exists (not overwritten)");
  }

  /**
   * A listener failing at PUBLISHED cannot un-publish: the error names the published version (so a
   * caller does not retry into a duplicate) and the version is complete. At VALUES_ASSIGNED the
   * reported temporary directory exists.
   */
  @Test
  void listenerSeesExistingDirectoriesAndAFailureAfterPublishingNamesTheVersion() {
    Path base = tmp.resolve("listener");
    List<Boolean> existed = new java.util.ArrayList<>();
    assertThatThrownBy(
            () ->
                Exporter.to(base)
                    .graph(ModelExport.of(Fixtures.image()))
                    .valuesFrom(live.session)
                    .listener(
                        (stage, dir) -> {
                          existed.add(Files.isDirectory(dir));
                          if (stage == ExportListener.Stage.PUBLISHED) {
                            throw new IllegalStateException("progress bar broke");
                          }
                        })
                    .export())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            base.resolve("1")
                + ": published as version 1, then the export listener failed at PUBLISHED: progress bar broke");
    assertThat(existed).containsExactly(true, true, true, true);
    assertThat(SavedModels.validate(base.resolve("1"), true)).isEmpty();
  }

  private static ExportResult export(Path base, Long version) {
    Exporter e = Exporter.to(base).graph(ModelExport.of(Fixtures.image())).valuesFrom(live.session);
    if (version != null) {
      e.version(version);
    }
    return e.export();
  }
}
