package org.odenet4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.cli.Cli;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;

class ModelSummaryCommandTest {

  /** The reference CIFAR architecture (digest §8.1): 78,074 + 97,216·K trainable parameters. */
  @ParameterizedTest
  @ValueSource(ints = {8, 16})
  void imageParameterCountMatchesTheReference(int k) {
    JsonNode json =
        Cli.run(
                "model",
                "summary",
                "image",
                "--input",
                "32x32x3",
                "--width",
                "16",
                "--classes",
                "10",
                "--basis",
                "piecewise_constant:" + k,
                "--steps",
                String.valueOf(k),
                "--json")
            .success();
    assertThat(json.get("trainable_parameters").asLong()).isEqualTo(78_074L + 97_216L * k);
    // ODE: two BNs per unit, mean and variance, 16 + 32 + 64 channels: 448 per coefficient.
    // Non-ODE BNs (mean + variance): stem 16; stitch1 bn1 16, bn2 16; stitch2 bn1 16 (its input),
    // bn2 32, skip 32; stitch3 bn1 32, bn2 64, skip 64; head 64 -> 2 * 352 = 704. Plus the three
    // blocks' variance-clamp counters exist only in training graphs, not here.
    assertThat(json.get("state_values").asLong()).isEqualTo(448L * k + 704);
    JsonNode blocks = json.get("ode_blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("name").asText()).isEqualTo("stage1/block");
    assertThat(blocks.get(0).get("basis").asText()).isEqualTo("piecewise_constant:" + k);
    assertThat(blocks.get(0).get("steps").asInt()).isEqualTo(k);
    assertThat(blocks.get(0).get("scheme").asText()).isEqualTo("euler");
    assertThat(blocks.get(2).get("parameters").asLong()).isEqualTo((18L * 64 * 64 + 4 * 64) * k);
  }

  @Test
  void perBlockOverridesChangeOnlyThatBlock() {
    JsonNode json =
        Cli.run(
                "model",
                "summary",
                "image",
                "--basis",
                "piecewise_constant:4",
                "--block",
                "stage3/block=legendre:2/8/rk4",
                "--json")
            .success();
    assertThat(json.get("ode_blocks").get(0).get("basis").asText())
        .isEqualTo("piecewise_constant:4");
    assertThat(json.get("ode_blocks").get(2).get("basis").asText()).isEqualTo("legendre:2");
    assertThat(json.get("ode_blocks").get(2).get("steps").asInt()).isEqualTo(8);
    assertThat(json.get("ode_blocks").get(2).get("scheme").asText()).isEqualTo("rk4");
    assertThat(json.get("ode_blocks").get(2).get("parameters").asLong())
        .isEqualTo((18L * 64 * 64 + 4 * 64) * 2);
  }

  /**
   * {@code --basis legendre:2 --steps 1}: one Euler stage cannot fit two BatchNorm statistic
   * functions, but the summary builds the inference graph, which needs no fit; it used to exit 2
   * with "point fit onto legendre:2: … rank-deficient design". Second route for the counts: every
   * block has twice the parameters and statistics of piecewise_constant:1.
   */
  @Test
  void rankDeficientStageDesignIsSummarised() {
    JsonNode legendre =
        Cli.run("model", "summary", "image", "--basis", "legendre:2", "--steps", "1", "--json")
            .success();
    JsonNode constant =
        Cli.run(
                "model",
                "summary",
                "image",
                "--basis",
                "piecewise_constant:1",
                "--steps",
                "1",
                "--json")
            .success();
    assertThat(legendre.get("ode_blocks")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode l = legendre.get("ode_blocks").get(i);
      JsonNode c = constant.get("ode_blocks").get(i);
      assertThat(l.get("parameters").asLong()).isEqualTo(2 * c.get("parameters").asLong());
      assertThat(l.get("state_values").asLong()).isEqualTo(2 * c.get("state_values").asLong());
    }
  }

  /**
   * Tagger: 4·d² attention + 2·(2d) LNs + d·m + m + m·d + d MLP per coefficient (no attention
   * bias).
   */
  @Test
  void taggerBlockParameterCountFollowsTheUnit() {
    int d = 32;
    int m = 48;
    JsonNode json =
        Cli.run(
                "model",
                "summary",
                "tagger",
                "--d-model",
                String.valueOf(d),
                "--mlp-dim",
                String.valueOf(m),
                "--heads",
                "4",
                "--basis",
                "fem_linear:3",
                "--steps",
                "4",
                "--json")
            .success();
    long perCoefficient = 4L * d * d + 4L * d + (long) d * m + m + (long) m * d + d;
    assertThat(json.get("ode_blocks").get(0).get("parameters").asLong())
        .isEqualTo(3 * perCoefficient);
  }

  @Test
  void badFlagsGiveOneErrorLine() {
    assertThat(Cli.run("model", "summary", "image", "--input", "28x28").usageError())
        .contains("--input: expected HxWxC")
        .contains("found '28x28'");
    assertThat(Cli.run("model", "summary", "image", "--basis", "piecewise_linear:3").usageError())
        .contains("expected an even K >= 2")
        .contains("found K = 3");
    assertThat(
            Cli.run("model", "summary", "image", "--block", "stage9/block=legendre:2/8/rk4")
                .usageError())
        .contains("expected a block name")
        .contains("found 'stage9/block'");
    assertThat(Cli.run("model", "summary", "pony").usageError())
        .contains("expected image or tagger")
        .contains("found 'pony'");
    // the block's own checks name the flag
    assertThat(Cli.run("model", "summary", "image", "--steps", "0").usageError())
        .isEqualTo("--steps: expected N >= 1, found 0");
    assertThat(Cli.run("model", "summary", "image", "--scheme", "heun").usageError())
        .isEqualTo("--scheme: expected one of euler, midpoint, rk4, rk4_38, found 'heun'");
    assertThat(Cli.run("model", "summary", "image", "--epsilon", "0").usageError())
        .isEqualTo("--epsilon: expected a finite number > 0, found 0.0");
  }

  /**
   * {@code --spec FILE}: a spec file is read as UTF-8 JSON; one that is not UTF-8 is named as such
   * (it was "--spec: expected a readable file, found FILE (Input length = 1)").
   */
  @Test
  void specFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("spec.json");
    String json =
        new TaggerModelSpec(12, 3, 5, 8, 2, 8, "elu", OdeBlockSpec.of("piecewise_constant:2", 2))
            .toJson();
    Files.writeString(spec, json);
    assertThat(
            Cli.run("model", "summary", "tagger", "--spec", spec.toString(), "--json")
                .success()
                .get("ode_blocks"))
        .hasSize(1);
    Files.write(spec, json.replace("elu", "\u00e9lu").getBytes(StandardCharsets.ISO_8859_1));
    Cli.Result r = Cli.run("model", "summary", "tagger", "--spec", spec.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "odenet: error: --spec "
                + spec
                + ": expected UTF-8 JSON text, found bytes that are not UTF-8"
                + System.lineSeparator());
  }
}
