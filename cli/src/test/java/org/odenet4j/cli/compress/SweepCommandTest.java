package org.odenet4j.cli.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.savedmodel.Exporter;

class SweepCommandTest {
  @TempDir static Path tmp;
  static Path source;

  @BeforeAll
  static void setUp() {
    source = Fixtures.export(Fixtures.spec("piecewise_constant:4", 4), tmp.resolve("src"), 7);
  }

  /**
   * Without data: a row per grid point, error only; the plot is a PNG with one panel per method ×
   * scheme.
   */
  @Test
  void dataFreeGridWithPlot() throws Exception {
    Path png = tmp.resolve("sweep.png");
    JsonNode json =
        Cli.run(
                "sweep",
                source.toString(),
                "--sizes",
                "4,2,1",
                "--steps",
                "4,2",
                "--schemes",
                "euler,rk4",
                "--methods",
                "projection,interpolation",
                "--plot",
                png.toString(),
                "--json")
            .success();
    assertThat(json.get("rows")).hasSize(3 * 2 * 2 * 2);
    assertThat(json.get("source_row").get("k").asInt()).isEqualTo(4);
    assertThat(json.get("rows").get(0).has("accuracy")).isFalse();
    assertThat(json.get("rows").get(0).get("relative_error").asDouble())
        .isZero(); // K = 4: nothing lost
    var image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * 560);
    assertThat(image.getHeight()).isEqualTo(2 * 380);
  }

  /** With data: accuracy per point; --keep keeps every compressed model as a version. */
  @Test
  void scoredAndKept() {
    byte[] pixels = Fixtures.pixels(32, 3);
    Path[] idx = Fixtures.idx(tmp.resolve("data"), pixels, Fixtures.predictions(source, pixels));
    Path keep = tmp.resolve("kept");
    JsonNode json =
        Cli.run(
                "sweep",
                source.toString(),
                "--sizes",
                "4,1",
                "--test-images",
                idx[0].toString(),
                "--test-labels",
                idx[1].toString(),
                "--keep",
                keep.toString(),
                "--json")
            .success();
    assertThat(json.get("source_row").get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(json.get("rows").get(0).get("accuracy").asDouble())
        .isEqualTo(1.0); // K = 4 → 4 is the source
    assertThat(json.get("rows").get(1).get("k").asInt()).isEqualTo(1);
    assertThat(Exporter.versions(keep)).containsExactly(1L, 2L);
  }

  @Test
  void table() {
    Cli.Result r = Cli.run("sweep", source.toString(), "--sizes", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("source", "projection", "piecewise_constant:2");
  }

  /**
   * A K invalid for the target family fails before anything is scored or kept: one error line, exit
   * 2, no table, no version under --keep. Without --sizes the same family sweeps only valid K.
   */
  @Test
  void invalidGridPointFailsBeforeAnyWork() {
    byte[] pixels = Fixtures.pixels(16, 5);
    Path[] idx =
        Fixtures.idx(tmp.resolve("data-invalid"), pixels, Fixtures.predictions(source, pixels));
    Path keep = tmp.resolve("kept-invalid");
    assertThat(
            Cli.run(
                    "sweep",
                    source.toString(),
                    "--family",
                    "piecewise_linear",
                    "--sizes",
                    "4,2,1",
                    "--test-images",
                    idx[0].toString(),
                    "--test-labels",
                    idx[1].toString(),
                    "--keep",
                    keep.toString())
                .usageError())
        .isEqualTo(
            "sweep K for block stage1/block: piecewise_linear: expected an even K >= 2, found K = 1");
    assertThat(keep).doesNotExist();
    JsonNode json =
        Cli.run("sweep", source.toString(), "--family", "piecewise_linear", "--json").success();
    assertThat(json.get("rows"))
        .extracting(r -> r.get("basis").asText())
        .containsExactly("piecewise_linear:4", "piecewise_linear:2");
  }

  /**
   * The help states the actual defaults: per block, each block's own N and scheme, its own K first.
   */
  @Test
  void helpStatesThePerBlockDefaults() {
    Cli.Result r = Cli.run("sweep", "--help");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains(
            "Usage: odenet sweep",
            "each block's own N",
            "the first row of each method reproduces the source",
            "fem_linear: ceil(K/2) down to 1");
  }

  @Test
  void badInput() {
    String s = source.toString();
    assertThat(Cli.run("sweep", s, "--sizes", "4,x").usageError())
        .isEqualTo("--sizes: expected a comma-separated list of numbers, found 'x' at position 2");
    assertThat(Cli.run("sweep", s, "--sizes", "2.5").usageError())
        .isEqualTo("--sizes: expected integers >= 1, found 2.5");
    assertThat(Cli.run("sweep", s, "--schemes", "euler,heun").usageError())
        .isEqualTo("--schemes: scheme: expected one of euler, midpoint, rk4, rk4_38, found 'heun'");
    assertThat(Cli.run("sweep", s, "--methods", "svd").usageError())
        .isEqualTo("--methods: method: expected projection or interpolation, found 'svd'");
    assertThat(Cli.run("sweep", s, "--family", "spline").usageError())
        .isEqualTo(
            "--family: basis family: expected one of piecewise_constant, piecewise_linear, fem_linear, legendre, found 'spline'");
  }

  /**
   * --keep naming the source's own base: exit 2, one line suggesting another folder, no version
   * added.
   */
  @Test
  void keepInTheSourcesBaseIsRefused() {
    Path base = source.getParent();
    assertThat(
            Cli.run("sweep", source.toString(), "--sizes", "2,1", "--keep", base.toString())
                .usageError())
        .startsWith(base + ": keep: expected a base other than the source's own (")
        .contains("keep them in another folder");
    assertThat(Exporter.versions(base))
        .containsExactly(Long.valueOf(source.getFileName().toString()));
  }

  /** A plot path that cannot be written is refused before the sweep (nothing kept). */
  @Test
  void unwritablePlotPathIsRefusedFirst() throws Exception {
    Path keep = tmp.resolve("kept-refused");
    assertThat(
            Cli.run(
                    "sweep",
                    source.toString(),
                    "--sizes",
                    "2",
                    "--keep",
                    keep.toString(),
                    "--plot",
                    tmp.toString())
                .usageError())
        .isEqualTo("--plot: expected a file to write, found " + tmp + ", a directory");
    assertThat(keep).doesNotExist();
  }
}
