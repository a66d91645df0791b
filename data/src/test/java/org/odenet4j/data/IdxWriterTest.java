package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxWriterTest {

  @TempDir Path dir;

  @Test
  void plainLayoutIsBigEndianHeaderThenBytes() throws IOException {
    Path f = dir.resolve("l.idx");
    IdxWriter.writeLabels(f, new int[] {7, 255}, false);
    assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 8, 1, 0, 0, 0, 2, 7, (byte) 255);
  }

  @Test
  void gzipOutputIsDeterministic() throws IOException {
    byte[] px = new byte[2 * 3 * 3];
    px[4] = 9;
    Path a = dir.resolve("a.gz");
    Path b = dir.resolve("b.gz");
    IdxWriter.writeImages(a, 3, 3, px, true);
    IdxWriter.writeImages(b, 3, 3, px, true);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void rejectsInconsistentShapesAndLabels() {
    assertThatThrownBy(() -> IdxWriter.writeImages(dir.resolve("x"), 3, 3, new byte[10], false))
        .hasMessage("images: expected pixels.length a multiple of 3x3, found 10");
    assertThatThrownBy(() -> IdxWriter.writeLabels(dir.resolve("y"), new int[] {1, 256}, false))
        .hasMessage("label 1: expected 0..255, found 256");
  }
}
