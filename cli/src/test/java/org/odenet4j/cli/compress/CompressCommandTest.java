package org.odenet4j.cli.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.models.ModelSummary;
import org.odenet4j.savedmodel.Checksums;
import org.odenet4j.savedmodel.Manifest;

class CompressCommandTest {
  @TempDir static Path tmp;
  static Path source;
  static String sourceHash;
  static Path[] idx;

  @BeforeAll
  static void setUp() {
    source = Fixtures.export(Fixtures.spec("piecewise_constant:4", 4), tmp.resolve("src"), 1);
    byte[] pixels = Fixtures.pixels(64, 2);
    // labels = the source's own predictions: accuracy before is exactly 100 %
    idx = Fixtures.idx(tmp.resolve("data"), pixels, Fixtures.predictions(source, pixels));
    sourceHash = Fixtures.treeHash(source);
  }

  @Test
  void tableByDefault() {
    Path base = tmp.resolve("table");
    Cli.Result r =
        Cli.run(
            "compress",
            source.toString(),
            "--out",
            base.toString(),
            "--basis",
            "piecewise_constant:2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("output     " + base.resolve("1"))
        .containsPattern(
            "stage1/block\\s+piecewise_constant:4 N=4 euler\\s+piecewise_constant:2 N=4 euler")
        .containsPattern("ODE-block parameters\\s+\\d+\\s+\\d+\\s+0\\.5000")
        .contains("gzip bytes", "stage evaluations", "bytes on disk");
    assertThat(base.resolve("1/saved_model.pb")).exists();
    assertThat(Fixtures.treeHash(source)).isEqualTo(sourceHash);
  }

  /**
   * JSON on one line with the keys; the counts agree with ModelSummary of the two specs.
   */
  @Test
  void jsonReport() {
    Path base = tmp.resolve("json");
    JsonNode json =
        Cli.run(
                "compress",
                source.toString(),
                "--out",
                base.toString(),
                "--basis",
                "piecewise_constant:2",
                "--steps",
                "2",
                "--scheme",
                "rk4",
                "--json")
            .success();
    assertThat(Cli.keys(json))
        .contains(
            "output",
            "blocks",
            "parameters_before",
            "parameters_after",
            "bytes_before",
            "bytes_after",
            "gzip_bytes_before",
            "gzip_bytes_after",
            "stage_evaluations_before",
            "stage_evaluations_after");
    assertThat(Cli.keys(json)).doesNotContain("accuracy_before");
    assertThat(json.get("output").asText()).isEqualTo(base.resolve("1").toString());
    assertThat(json.get("parameters_before").asLong())
        .isEqualTo(ModelSummary.of(Fixtures.spec("piecewise_constant:4", 4)).trainableParameters());
    assertThat(json.get("parameters_after").asLong())
        .isEqualTo(ModelSummary.of(Fixtures.spec("piecewise_constant:2", 2)).trainableParameters());
    assertThat(json.get("stage_evaluations_before").asLong()).isEqualTo(3 * 4);
    assertThat(json.get("stage_evaluations_after").asLong()).isEqualTo(3 * 2 * 4);
    JsonNode b = json.get("blocks").get(0);
    assertThat(b.get("source").get("k").asInt()).isEqualTo(4);
    assertThat(b.get("target").get("basis").asText()).isEqualTo("piecewise_constant:2");
    assertThat(b.get("relative_error").asDouble()).isBetween(0.0, 1.0);
    Manifest m = Manifest.read(base.resolve("1"));
    assertThat(m.provenance().source().sha256()).isEqualTo(Checksums.variablesSha256(source));
  }

  @Test
  void blockOverridesAndTolerance() {
    JsonNode json =
        Cli.run(
                "compress",
                source.toString(),
                "--out",
                tmp.resolve("blocks").toString(),
                "--basis",
                "piecewise_constant:2",
                "--block",
                "stage3/block=fem_linear:3/2/midpoint",
                "--json")
            .success();
    assertThat(json.get("blocks").get(2).get("target").get("basis").asText())
        .isEqualTo("fem_linear:3");
    assertThat(json.get("blocks").get(2).get("target").get("scheme").asText())
        .isEqualTo("midpoint");
    assertThat(json.get("blocks").get(0).get("target").get("basis").asText())
        .isEqualTo("piecewise_constant:2");
    // r = 1 is met by K = 1 (a projection never has relative error above 1); r = 0 only by K_A
    JsonNode loose =
        Cli.run(
                "compress",
                source.toString(),
                "--out",
                tmp.resolve("tol1").toString(),
                "--tolerance",
                "1",
                "--json")
            .success();
    assertThat(loose.get("blocks").get(1).get("target").get("k").asInt()).isEqualTo(1);
    assertThat(loose.get("tolerance").asDouble()).isEqualTo(1.0);
    JsonNode exact =
        Cli.run(
                "compress",
                source.toString(),
                "--out",
                tmp.resolve("tol0").toString(),
                "--tolerance",
                "0",
                "--json")
            .success();
    assertThat(exact.get("blocks").get(1).get("target").get("k").asInt()).isEqualTo(4);
  }

  /**
   * With data: accuracy and latency before and after; the source's labels are its own predictions,
   * so before = 100 %.
   */
  @Test
  void accuracyWithData() {
    JsonNode json =
        Cli.run(
                "compress",
                source.toString(),
                "--out",
                tmp.resolve("data-out").toString(),
                "--basis",
                "piecewise_constant:2",
                "--test-images",
                idx[0].toString(),
                "--test-labels",
                idx[1].toString(),
                "--batch",
                "16",
                "--max-drop",
                "100",
                "--json")
            .success();
    assertThat(Cli.keys(json))
        .contains(
            "accuracy_before",
            "accuracy_after",
            "latency_ms_p50_before",
            "latency_ms_p95_after",
            "examples");
    assertThat(json.get("accuracy_before").asDouble()).isEqualTo(1.0);
    assertThat(json.get("examples").asLong()).isEqualTo(64);
    assertThat(json.get("published").asBoolean()).isTrue();
  }

  /**
   * Accuracy falling by more than --max-drop: exit 3, the report on stdout, one error line, nothing
   * written.
   */
  @Test
  void maxDropRefuses() {
    Path base = tmp.resolve("refused");
    Cli.Result r =
        Cli.run(
            "compress",
            source.toString(),
            "--out",
            base.toString(),
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--test-images",
            idx[0].toString(),
            "--test-labels",
            idx[1].toString(),
            "--max-drop",
            "0",
            "--json");
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    JsonNode json = r.json();
    assertThat(json.get("output").isNull()).isTrue();
    assertThat(json.get("published").asBoolean()).isFalse();
    assertThat(json.get("accuracy_after").asDouble()).isLessThan(1.0);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err())
        .startsWith(
            "odenet: error: --max-drop 0: expected an accuracy drop of at most 0 percentage points, found ")
        .contains("(100.00 % -> ")
        .contains("nothing written");
    assertThat(base).doesNotExist();
    assertThat(Fixtures.treeHash(source)).isEqualTo(sourceHash);
  }

  /**
   * The refusal message prints the drop to 6 decimals: a drop just above a 0.5 limit (0.51, one
   * example of 10,000 more) never reads "found 0.50", and float noise in an exact 0.5 is gone.
   */
  @Test
  void refusedDropIsPrintedWithoutRoundingOntoTheLimit() {
    assertThat(CompressCommand.points(100.0 * (9000 / 10000.0 - 8949 / 10000.0))).isEqualTo("0.51");
    assertThat(CompressCommand.points(100.0 * (9000 / 10000.0 - 8950 / 10000.0))).isEqualTo("0.5");
    assertThat(CompressCommand.points(10)).isEqualTo("10");
  }

  /**
   * Recalibration with explicit test files only: it warns that the statistics come from the test
   * images.
   */
  @Test
  void recalibrateBatchNorm() {
    Cli.Result r =
        Cli.run(
            "compress",
            source.toString(),
            "--out",
            tmp.resolve("recal").toString(),
            "--basis",
            "piecewise_constant:2",
            "--test-images",
            idx[0].toString(),
            "--test-labels",
            idx[1].toString(),
            "--batch",
            "32",
            "--recalibrate-bn",
            "2",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("odenet: warning: --recalibrate-bn: no training split");
    assertThat(r.json().get("recalibration_batches").asInt()).isEqualTo(2);
  }

  /**
   * With a named data set the statistics come from its training split (no warning); the test split
   * measures before/after.
   */
  @Test
  void recalibrateOnTheTrainingSplitOfNamedData() {
    var spec =
        new org.odenet4j.models.ImageModelSpec(
            List.of(28, 28, 1),
            4,
            10,
            "relu",
            Fixtures.spec("piecewise_constant:2", 2).blocks(),
            1.0);
    Path src = Fixtures.export(spec, tmp.resolve("fashion"), 3);
    JsonNode json =
        Cli.run(
                "compress",
                src.toString(),
                "--out",
                tmp.resolve("fashion-out").toString(),
                "--basis",
                "piecewise_constant:1",
                "--data",
                "embedded",
                "--batch",
                "64",
                "--recalibrate-bn",
                "1",
                "--json")
            .success();
    assertThat(json.get("recalibration_batches").asInt()).isEqualTo(1);
    assertThat(json.get("examples").asLong()).isPositive();
    assertThat(Cli.keys(json)).contains("accuracy_before", "accuracy_after");
    // the 8×8 model cannot be evaluated on 28×28 images: one line saying so
    assertThat(
            Cli.run(
                    "compress",
                    source.toString(),
                    "--out",
                    tmp.resolve("mismatch").toString(),
                    "--data",
                    "embedded")
                .usageError())
        .endsWith(": images: expected 8x8x1 (the model's input), found 28x28x1");
  }

  @Test
  void plotsWeights() throws Exception {
    Path png = tmp.resolve("plots/weights.png");
    Cli.run(
            "compress",
            source.toString(),
            "--out",
            tmp.resolve("plot").toString(),
            "--basis",
            "fem_linear:2",
            "--plot-weights",
            png.toString(),
            "--json")
        .success();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
  }

  /** A plot path that cannot be written is refused before anything is published. */
  @Test
  void unwritablePlotPathIsRefusedFirst() throws Exception {
    Path base = tmp.resolve("plot-refused");
    Path folder = Files.createDirectories(tmp.resolve("a-folder"));
    assertThat(
            Cli.run(
                    "compress",
                    source.toString(),
                    "--out",
                    base.toString(),
                    "--basis",
                    "piecewise_constant:2",
                    "--plot-weights",
                    folder.toString())
                .usageError())
        .isEqualTo("--plot-weights: expected a file to write, found " + folder + ", a directory");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThat(
            Cli.run(
                    "compress",
                    source.toString(),
                    "--out",
                    base.toString(),
                    "--basis",
                    "piecewise_constant:2",
                    "--plot-weights",
                    file.resolve("w.png").toString())
                .usageError())
        .isEqualTo(
            "--plot-weights: expected a folder to write "
                + file.resolve("w.png")
                + " in, found "
                + file
                + ", a file");
    assertThat(base).doesNotExist();
    assertThat(Fixtures.treeHash(source)).isEqualTo(sourceHash);
  }

  /** Bad data files are one line and exit 2, and nothing is published. */
  @Test
  void badDataFilesAreOneLine() throws Exception {
    Path base = tmp.resolve("bad-data");
    Path missing = tmp.resolve("nope.gz");
    assertThat(
            Cli.run(
                    "compress",
                    source.toString(),
                    "--out",
                    base.toString(),
                    "--basis",
                    "piecewise_constant:2",
                    "--test-images",
                    missing.toString(),
                    "--test-labels",
                    idx[1].toString())
                .usageError())
        .isEqualTo(missing + ": file: expected an existing file, found no such file");
    assertThat(
            Cli.run(
                    "compress",
                    source.toString(),
                    "--out",
                    base.toString(),
                    "--basis",
                    "piecewise_constant:2",
                    "--test-images",
                    idx[1].toString(),
                    "--test-labels",
                    idx[1].toString())
                .usageError())
        .isEqualTo(
            idx[1]
                + ": magic number: expected 0x00000803 (IDX images), found 0x00000801 (IDX labels)");
    assertThat(base).doesNotExist();
  }

  /**
   * A custom graph: with --graph CLASS it compresses; without, one line naming the manifest field.
   */
  @Test
  void customGraph() {
    Path src = Fixtures.exportUserGraph(tmp.resolve("custom"));
    String msg =
        Cli.run(
                "compress",
                src.toString(),
                "--out",
                tmp.resolve("custom-out").toString(),
                "--basis",
                "piecewise_constant:2")
            .usageError();
    assertThat(msg)
        .isEqualTo(
            src.resolve(Manifest.PATH)
                + ": model_spec: expected a model spec to rebuild the graph from (or a graph factory for this custom graph), found none");
    JsonNode json =
        Cli.run(
                "compress",
                src.toString(),
                "--out",
                tmp.resolve("custom-out").toString(),
                "--basis",
                "piecewise_constant:2",
                "--graph",
                UserGraphFactory.class.getName(),
                "--json")
            .success();
    assertThat(json.get("blocks").get(0).get("name").asText()).isEqualTo("ode");
    assertThat(json.get("blocks").get(0).get("target").get("k").asInt()).isEqualTo(2);
  }

  /** --version is the output's version number here; help still works. */
  @Test
  void help() {
    Cli.Result r = Cli.run("compress", "--help");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "Usage: odenet compress", "--max-drop=p", "--recalibrate-bn=BATCHES", "--version=V");
  }

  @Test
  void badInputIsOneLine() {
    String out = tmp.resolve("bad").toString();
    String s = source.toString();
    assertThat(Cli.run("compress", s).usageError())
        .isEqualTo("--out: expected BASE, found nothing (see 'odenet compress --help')");
    assertThat(Cli.run("compress", s, "--out", out, "--basis", "spline:3").usageError())
        .isEqualTo(
            "--basis: basis family: expected one of piecewise_constant, piecewise_linear, fem_linear, legendre, found 'spline'");
    assertThat(Cli.run("compress", s, "--out", out, "--scheme", "heun").usageError())
        .isEqualTo("--scheme: expected one of euler, midpoint, rk4, rk4_38, found 'heun'");
    assertThat(Cli.run("compress", s, "--out", out, "--steps", "0").usageError())
        .isEqualTo("--steps: expected N >= 1, found 0");
    assertThat(Cli.run("compress", s, "--out", out, "--method", "svd").usageError())
        .isEqualTo("--method: expected projection or interpolation, found 'svd'");
    assertThat(Cli.run("compress", s, "--out", out, "--tolerance", "-1").usageError())
        .isEqualTo("--tolerance: expected a finite relative error r >= 0, found -1.0");
    assertThat(
            Cli.run(
                    "compress",
                    s,
                    "--out",
                    out,
                    "--block",
                    "stage9/block=piecewise_constant:2/4/euler")
                .usageError())
        .isEqualTo(
            "block stage9/block: expected one of the source's ODE blocks [stage1/block, stage2/block, stage3/block], found 'stage9/block'");
    assertThat(
            Cli.run("compress", s, "--out", out, "--block", "stage1/block=piecewise_constant:2")
                .usageError())
        .isEqualTo("--block: expected NAME=F:K/N/S, found 'stage1/block=piecewise_constant:2'");
    assertThat(Cli.run("compress", s, "--out", out, "--max-drop", "1").usageError())
        .isEqualTo(
            "--max-drop: expected data flags (--data NAME, or --test-images/--test-labels, or --test-text/--format), found none");
    assertThat(Cli.run("compress", s, "--out", out, "--graph", "no.such.Factory").usageError())
        .isEqualTo(
            "--graph: expected a class implementing org.odenet4j.compression.GraphFactory on the class path, found no class 'no.such.Factory'");
    Path missing = tmp.resolve("missing");
    assertThat(Cli.run("compress", missing.toString(), "--out", out).usageError())
        .isEqualTo(
            missing + ": directory: expected a SavedModel directory, found no such directory");
    assertThat(Cli.run("compress", s, "--out", source.resolve("inside").toString()).usageError())
        .startsWith(
            "output base "
                + source.resolve("inside")
                + ": expected a directory outside the source");
    assertThat(Path.of(out)).doesNotExist();
    assertThat(Fixtures.treeHash(source)).isEqualTo(sourceHash);
  }

  @Test
  void neverOverwritesAVersion() throws Exception {
    Path base = tmp.resolve("versions");
    Cli.run("compress", source.toString(), "--out", base.toString(), "--version", "5", "--json")
        .success();
    String before = Fixtures.treeHash(base);
    assertThat(
            Cli.run("compress", source.toString(), "--out", base.toString(), "--version", "5")
                .usageError())
        .isEqualTo(
            base.resolve("5")
                + ": version: expected a new version, found version 5 already exists (not overwritten)");
    assertThat(Fixtures.treeHash(base)).isEqualTo(before);
    try (var s = Files.list(base)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(
              List.of(
                  org.odenet4j.savedmodel.VersionPublisher.LOCK_FILE, "5")); // + the publish lock
    }
  }
}
