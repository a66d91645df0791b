package org.odenet4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;

/** {@code odenet eval} refuses what it cannot evaluate with one line naming what it expected. */
class EvalCommandTest {

  @Test
  void missingDirectory(@TempDir Path dir) {
    assertThat(Cli.run("eval", dir.resolve("7").toString(), "--data", "embedded").usageError())
        .contains(dir.resolve("7").toString());
  }

  @Test
  void tagFlagsForAnImageModelAndHalfAPair(@TempDir Path dir) {
    Path base = dir.resolve("m");
    assertThat(Cli.run("train", "image", "--data", "embedded", "--width", "2", "--basis", "piecewise_constant:1",
        "--steps", "1", "--batch", "1024", "--progress", "none", "--out", base.toString()).exit()).isZero();
    String v1 = base.resolve("1").toString();
    assertThat(Cli.run("eval", v1, "--test-text", "x.txt", "--format", "brown").usageError())
        .isEqualTo("data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
    assertThat(Cli.run("eval", v1, "--test-images", "x.gz").usageError())
        .isEqualTo("explicit test files: expected both --test-images and --test-labels, found only --test-images");
  }
}
