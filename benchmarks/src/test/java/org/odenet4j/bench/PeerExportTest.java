package org.odenet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.models.ImageModelSpec;
import org.tensorflow.types.TFloat32;

/** The peer benchmark's export: a SavedModel version, the benchmark inputs, peer.json. */
class PeerExportTest {

  @Test
  void defaultsAreTheJmhModel() {
    PeerExport.Options o = PeerExport.Options.parse(new String[] {"out"});
    assertThat(o.spec()).isEqualTo(OdeModel.spec(16, 16, 16));
    assertThat(o.seed()).isEqualTo(1);
  }

  @Test
  void writesVersionInputsAndHeader(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("peer");
    PeerExport.main(
        new String[] {
          out.toString(), "--width", "2", "--k", "2", "--steps", "4", "--randomize-bn", "7"
        });
    assertThat(out.resolve("model/1/saved_model.pb")).isRegularFile();
    assertThat(out.resolve("model/1/variables/variables.index")).isRegularFile();
    assertThat(Files.size(out.resolve("images-128.f32"))).isEqualTo(128L * 28 * 28 * 4);
    assertThat(Files.size(out.resolve("images-1.f32"))).isEqualTo(28L * 28 * 4);
    assertThat(Files.size(out.resolve("labels-128.i32"))).isEqualTo(128L * 4);
    String json = Files.readString(out.resolve("peer.json"));
    assertThat(json)
        .contains("\"width\": 2", "\"k\": 2", "\"steps\": 4", "\"epsilon\": 4.0")
        .contains("\"randomize_bn\": 7", "\"saved_model\": \"model/1\"");
    ImageModelSpec spec = PeerExport.Options.parse(new String[] {"x", "--width", "2"}).spec();
    ByteBuffer images =
        ByteBuffer.wrap(Files.readAllBytes(out.resolve("images-128.f32")))
            .order(ByteOrder.LITTLE_ENDIAN);
    try (TFloat32 expected = BenchInputs.images(spec, 128, PeerExport.IMAGES_SEED)) {
      assertThat(images.getFloat(0)).isEqualTo(expected.getFloat(0, 0, 0, 0));
      assertThat(images.getFloat(4 * (128 * 784 - 1))).isEqualTo(expected.getFloat(127, 27, 27, 0));
    }
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> PeerExport.Options.parse(new String[] {"out", "--depth", "3"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--depth");
  }
}
