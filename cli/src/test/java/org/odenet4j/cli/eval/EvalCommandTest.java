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
  void taggerOnATwoColumnFileUsesTheModelsVocabulary(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("t");
    assertThat(Cli.run("train", "tagger", "--data", "embedded", "--basis", "piecewise_constant:1", "--steps", "1",
        "--d-model", "8", "--heads", "1", "--mlp-dim", "8", "--max-length", "8", "--epochs", "1", "--progress", "none",
        "--out", base.toString()).exit()).isZero();
    // two sentences, 5 real tokens; "zyzzyva" is in no vocabulary (UNK); tags are universal tags
    Path file = dir.resolve("test.conll");
    java.nio.file.Files.writeString(file, "The\tDET\ncat\tNOUN\nsat\tVERB\n\nzyzzyva\tNOUN\nran\tVERB\n");
    var json = Cli.run("eval", base.resolve("1").toString(), "--test-text", file.toString(), "--format", "conll2", "--json").success();
    assertThat(json.get("examples").asLong()).isEqualTo(2);
    assertThat(json.get("counted").asLong()).isEqualTo(5);
    // a tag the model never saw is refused by name
    java.nio.file.Files.writeString(file, "The\tDET\ncat\tANIMAL\n");
    assertThat(Cli.run("eval", base.resolve("1").toString(), "--test-text", file.toString(), "--format", "conll2").usageError())
        .endsWith(", found 'ANIMAL'");
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
