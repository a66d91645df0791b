package org.odenet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class InspectCommandTest {
  @TempDir static Path tmp;
  static Path version;
  static final ImageModelSpec SPEC =
      ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("piecewise_constant:2", 2));

  @BeforeAll
  static void export() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), SPEC, Models.input(tf, SPEC));
      try (Session s = new Session(g)) {
        s.initialize();
        version =
            Exporter.to(tmp.resolve("model"))
                .graph(ModelExport.of(SPEC))
                .valuesFrom(s)
                .source("initial values (test)", null)
                .export()
                .directory();
      }
    }
  }

  @Test
  void tableByDefault() {
    Cli.Result r = Cli.run("inspect", version.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    System.out.println(r.out());
    assertThat(r.out())
        .contains("model      " + version)
        .contains("signature serving_default (tensorflow/serving/predict)")
        .contains("  input   images         float32  [-1, 8, 8, 1]")
        .contains("stage1/block     piecewise_constant:2        2    2 euler           1")
        .contains("trainable parameters  ")
        .contains("(manifest)")
        .contains("stage3/block/conv2/kernel");
  }

  /**
   * A compressed model's provenance carries its source's: inspect shows the chain ("from" lines,
   * nearest source first) and its JSON holds the source's provenance object as the source's own
   * manifest has it.
   */
  @Test
  void compressedModelShowsItsSource() throws Exception {
    Path base = tmp.resolve("compressed");
    Cli.run(
            "compress",
            version.toString(),
            "--out",
            base.toString(),
            "--basis",
            "piecewise_constant:1",
            "--json")
        .success();
    Cli.run(
            "compress",
            base.resolve("1").toString(),
            "--out",
            base.toString(),
            "--steps",
            "1",
            "--json")
        .success();
    Manifest source = Manifest.read(version);
    Manifest once = Manifest.read(base.resolve("1"));
    Cli.Result r = Cli.run("inspect", base.resolve("2").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsSubsequence(
            "from       " + once.provenance().variablesSha256() + " (compressed by projection",
            "from       " + source.provenance().variablesSha256() + " (initial values (test))");
    JsonNode json = Cli.run("inspect", base.resolve("2").toString(), "--json").success();
    JsonNode sourceJson =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(version.resolve(Manifest.PATH).toFile())
            .get("provenance");
    assertThat(
            json.get("provenance")
                .get("compression")
                .get("source_provenance")
                .get("compression")
                .get("source_provenance"))
        .isEqualTo(sourceJson);
  }

  @Test
  void jsonOnOneLine() {
    JsonNode json = Cli.run("inspect", tmp.resolve("model").toString(), "--json").success();
    assertThat(Cli.keys(json))
        .contains(
            "signatures", "variables", "ode_blocks", "trainable_parameters", "variables_bytes");
    assertThat(json.get("directory").asText()).isEqualTo(version.toString());
    assertThat(json.get("ode_blocks")).hasSize(3);
    assertThat(json.get("trainable_parameters").asLong()).isPositive();
  }

  @Test
  void missingModelIsAUsageError() {
    Path nope = tmp.resolve("nope");
    assertThat(Cli.run("inspect", nope.toString()).usageError())
        .isEqualTo(nope + ": directory: expected a SavedModel directory, found no such directory");
  }

  @Test
  void missingSavedModelPbIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(Cli.run("inspect", empty.toString()).usageError())
        .isEqualTo(
            empty.resolve("saved_model.pb")
                + ": file: expected a SavedModel protobuf, found no such file");
  }

  @Test
  void missingManifestIsAWarning() throws Exception {
    Path copy = tmp.resolve("nomanifest");
    Files.createDirectories(copy.resolve("variables"));
    Files.copy(version.resolve("saved_model.pb"), copy.resolve("saved_model.pb"));
    for (String f : new String[] {"variables.index", "variables.data-00000-of-00001"}) {
      Files.copy(version.resolve("variables").resolve(f), copy.resolve("variables").resolve(f));
    }
    Cli.Result r = Cli.run("inspect", copy.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err().strip())
        .isEqualTo(
            "odenet: warning: "
                + copy.resolve(Manifest.PATH)
                + ": file: expected an odenet manifest, found no such file (trainable parameters count all variables)");
    assertThat(r.out())
        .contains("(all variables (no manifest))")
        .contains("ODE blocks: none known (no manifest)");
  }
}
