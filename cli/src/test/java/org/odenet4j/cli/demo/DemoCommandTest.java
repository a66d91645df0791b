package org.odenet4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.savedmodel.Manifest;

/**
 * The demo end to end with tiny settings: it trains, exports version 1, publishes one new version
 * per compression (each a valid SavedModel with the advertised discretisation), prints the table
 * and the serving command, writes the report and a request body; a second run only adds versions.
 */
class DemoCommandTest {

  @Test
  void trainsCompressesReportsAndNeverClobbers(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    Cli.Result r =
        Cli.run(
            "demo",
            "--out",
            out.toString(),
            "--width",
            "2",
            "--epochs",
            "3",
            "--progress",
            "lines");
    assertThat(r.exit()).as(r.err()).isZero();
    Path base = out.resolve("models/fashion").toAbsolutePath().normalize();
    assertThat(r.out())
        .contains(
            "data:  embedded Fashion-MNIST subset",
            "exported " + base.resolve("1"),
            "| 1 | trained | piecewise_constant:4 | 4 | 4 | euler |",
            "| fewer basis functions | piecewise_constant:2 | 2 | 4 |",
            "| fewer steps | piecewise_constant:4 | 4 | 2 |",
            "tensorflow_model_server --rest_api_port=8501 --model_name=fashion --model_base_path="
                + base);
    // versions 1 (trained) + 5 compressions, each with the discretisation the table says
    assertThat(Manifest.read(base.resolve("2")).odeBlocks())
        .allSatisfy(b -> assertThat(b.basis()).hasToString("piecewise_constant:2"));
    assertThat(Manifest.read(base.resolve("3")).odeBlocks())
        .allSatisfy(b -> assertThat(b.steps()).isEqualTo(2));
    assertThat(base.resolve("6/saved_model.pb")).exists();
    assertThat(out.resolve("report.md"))
        .content()
        .contains("![accuracy against K and N](sweep.png)", "| version | what |");
    assertThat(Files.size(out.resolve("sweep.png"))).isPositive();
    assertThat(out.resolve("request.json"))
        .content()
        .startsWith("{\"signature_name\":\"serving_default\",\"instances\":[{\"images\":[[[");
    // the same first test image as a PNG for the image_bytes signature: decoding the b64 gives
    // back the pixels of request.json (4 decimals there)
    JsonNode b64 = new ObjectMapper().readTree(out.resolve("request-b64.json").toFile());
    assertThat(b64.path("signature_name").asText()).isEqualTo("image_bytes");
    var png =
        javax.imageio.ImageIO.read(
            new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder()
                    .decode(b64.path("instances").get(0).path("b64").asText())));
    JsonNode floats =
        new ObjectMapper()
            .readTree(out.resolve("request.json").toFile())
            .path("instances")
            .get(0)
            .path("images");
    assertThat(png.getWidth()).isEqualTo(28);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        assertThat(png.getRaster().getSample(x, y, 0) / 255.0)
            .isCloseTo(
                floats.get(y).get(x).get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
      }
    }

    Cli.Result again =
        Cli.run(
            "demo",
            "--out",
            out.toString(),
            "--width",
            "2",
            "--epochs",
            "2",
            "--progress",
            "lines");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("exported " + base.resolve("7"));
    assertThat(Manifest.read(base.resolve("1")).odeBlocks().get(0).basis())
        .isEqualTo("piecewise_constant:4");
  }

  @Test
  void refinementEpochsScaleWithTheEpochCount() {
    assertThat(DemoCommand.refineEpochs(8)).containsExactly(2, 3, 6, 8);
    assertThat(DemoCommand.refineEpochs(4)).containsExactly(2, 3, 4);
    assertThat(DemoCommand.refineEpochs(3)).containsExactly(2, 3);
    assertThat(DemoCommand.refineEpochs(1)).isEmpty();
  }

  @Test
  void badData() {
    assertThat(Cli.run("demo", "--data", "cifar").usageError())
        .isEqualTo("--data: expected embedded or fashion-mnist, found cifar");
  }
}
