package org.odenet4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.cli.compress.Fixtures;
import org.odenet4j.data.IdxWriter;
import org.odenet4j.data.ImageData;
import org.odenet4j.models.ImageModelSpec;

/** {@code odenet eval} refuses what it cannot evaluate with one line naming what it expected. */
class EvalCommandTest {
  @TempDir static Path tmp;

  /** An untrained 8×8×1 model with 3 classes. */
  static Path small;

  @BeforeAll
  static void setUp() {
    small = Fixtures.export(Fixtures.spec("piecewise_constant:2", 2), tmp.resolve("small"), 1);
  }

  @Test
  void missingDirectory(@TempDir Path dir) {
    assertThat(Cli.run("eval", dir.resolve("7").toString(), "--data", "embedded").usageError())
        .contains(dir.resolve("7").toString());
  }

  /**
   * Bad IDX files: exit 2 and one line naming the file, the field, what was expected and what was
   * found.
   */
  @Test
  void badIdxFilesAreOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path[] good = Fixtures.idx(dir.resolve("good"), Fixtures.pixels(4, 1), new int[] {0, 1, 2, 1});
    String m = small.toString();
    Path missing = dir.resolve("nope.gz");
    assertThat(
            Cli.run(
                    "eval",
                    m,
                    "--test-images",
                    missing.toString(),
                    "--test-labels",
                    good[1].toString())
                .usageError())
        .isEqualTo(missing + ": file: expected an existing file, found no such file");
    // labels where images belong: the magic number says so
    assertThat(
            Cli.run(
                    "eval",
                    m,
                    "--test-images",
                    good[1].toString(),
                    "--test-labels",
                    good[1].toString())
                .usageError())
        .isEqualTo(
            good[1]
                + ": magic number: expected 0x00000803 (IDX images), found 0x00000801 (IDX labels)");
    Path header = Files.write(dir.resolve("header.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    assertThat(
            Cli.run(
                    "eval",
                    m,
                    "--test-images",
                    header.toString(),
                    "--test-labels",
                    good[1].toString())
                .usageError())
        .isEqualTo(
            header
                + ": gzip header: expected a complete gzip header, found end of file (truncated file)");
    // a gzip header, then a deflate block of the reserved type 3
    Path corrupt =
        Files.write(
            dir.resolve("corrupt.gz"),
            new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x07, 0x12});
    assertThat(
            Cli.run(
                    "eval",
                    m,
                    "--test-images",
                    good[0].toString(),
                    "--test-labels",
                    corrupt.toString())
                .usageError())
        .isEqualTo(
            corrupt
                + ": magic number: expected valid gzip-compressed data, found corrupt data (invalid block type)");
    // a label the 3-class model does not have
    Path[] four = Fixtures.idx(dir.resolve("four"), Fixtures.pixels(2, 1), new int[] {0, 3});
    assertThat(
            Cli.run(
                    "eval",
                    m,
                    "--test-images",
                    four[0].toString(),
                    "--test-labels",
                    four[1].toString())
                .usageError())
        .isEqualTo(four[1] + ": label 1: expected 0..2, found 3");
  }

  /** Images of another size than the model's input: one line before anything runs. */
  @Test
  void imagesOfAnotherSize(@TempDir Path dir) throws Exception {
    Path images = dir.resolve("images.idx");
    Path labels = dir.resolve("labels.idx");
    IdxWriter.writeImages(images, 28, 28, new byte[2 * 28 * 28], false);
    IdxWriter.writeLabels(labels, new int[] {0, 2}, false);
    assertThat(
            Cli.run(
                    "eval",
                    small.toString(),
                    "--test-images",
                    images.toString(),
                    "--test-labels",
                    labels.toString())
                .usageError())
        .isEqualTo(
            "IDX files ("
                + images
                + " + "
                + labels
                + "): images: expected 8x8x1 (the model's input), found 28x28x1");
  }

  /**
   * Named data: a label beyond the model's classes is refused (the embedded test split has labels
   * 0..9; the model has 5 classes), and an explicit --data-dir must hold the data.
   */
  @Test
  void namedDataMustFitTheModelAndAnExplicitFolderMustHoldIt() throws Exception {
    ImageModelSpec five =
        new ImageModelSpec(
            List.of(28, 28, 1),
            2,
            5,
            "relu",
            Fixtures.spec("piecewise_constant:1", 1).blocks(),
            1.0);
    String m = Fixtures.export(five, tmp.resolve("five"), 2).toString();
    int[] labels = ImageData.embedded().test().labels();
    int first = 0;
    while (labels[first] != 9) {
      first++;
    }
    assertThat(Cli.run("eval", m, "--data", "embedded").usageError())
        .isEqualTo(
            "embedded Fashion-MNIST subset: 6,000 train, 1,000 test [test]: labels: expected 0..4 (the model's 5 classes), "
                + "found label 9 (image "
                + first
                + ")");
    Path typo = tmp.resolve("typo");
    assertThat(
            Cli.run("eval", m, "--data", "fashion-mnist", "--data-dir", typo.toString())
                .usageError())
        .startsWith(typo + ": Fashion-MNIST folder: expected a folder holding ")
        .endsWith(", found no such folder");
    assertThat(Cli.run("eval", m, "--data", "embedded", "--data-dir", typo.toString()).usageError())
        .isEqualTo(
            "--data-dir: expected no folder with --data embedded (the embedded subset is built in), found "
                + typo);
  }

  /**
   * A tagger trained with --min-count 1: eval on the named data encodes the test words with the
   * model's own vocabulary, so it counts exactly what train counted; a two-column file likewise;
   * unknown tags, a bad --tag-scheme and a file that is not UTF-8 are one line each.
   */
  @Test
  void taggerEncodesWithTheModelsVocabulary(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("t");
    Cli.Result train =
        Cli.run(
            "train",
            "tagger",
            "--data",
            "embedded",
            "--min-count",
            "1",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--d-model",
            "8",
            "--heads",
            "1",
            "--mlp-dim",
            "8",
            "--max-length",
            "8",
            "--epochs",
            "1",
            "--progress",
            "none",
            "--out",
            base.toString(),
            "--json");
    assertThat(train.exit()).as(train.err()).isZero();
    List<String> lines = train.out().lines().toList();
    JsonNode trained = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("test");
    String v1 = base.resolve("1").toString();
    JsonNode eval = Cli.run("eval", v1, "--data", "embedded", "--batch", "500", "--json").success();
    assertThat(eval.get("counted").asLong()).isEqualTo(trained.get("counted").asLong());
    assertThat(eval.get("correct").asLong()).isEqualTo(trained.get("correct").asLong());
    assertThat(eval.get("accuracy").asDouble()).isEqualTo(trained.get("accuracy").asDouble());

    // two sentences, 5 real tokens; "zyzzyva" is in no vocabulary (UNK); tags are universal tags
    Path file = dir.resolve("test.conll");
    Files.writeString(file, "The\tDET\ncat\tNOUN\nsat\tVERB\n\nzyzzyva\tNOUN\nran\tVERB\n");
    var json =
        Cli.run("eval", v1, "--test-text", file.toString(), "--format", "conll2", "--json")
            .success();
    assertThat(json.get("examples").asLong()).isEqualTo(2);
    assertThat(json.get("counted").asLong()).isEqualTo(5);
    // a tag the model never saw is refused by name
    Files.writeString(file, "The\tDET\ncat\tANIMAL\n");
    assertThat(
            Cli.run("eval", v1, "--test-text", file.toString(), "--format", "conll2").usageError())
        .endsWith(", found 'ANIMAL'");
    assertThat(Cli.run("eval", v1, "--data", "embedded", "--tag-scheme", "penn").usageError())
        .isEqualTo("--tag-scheme: expected universal or raw, found penn");
    // Latin-1 text: "é" is the single byte 0xe9 after "The\tDET\ncaf" (11 bytes), on line 2
    Path latin1 =
        Files.write(
            dir.resolve("latin1.conll"),
            "The\tDET\ncaf\u00e9\tNOUN\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(
            Cli.run("eval", v1, "--test-text", latin1.toString(), "--format", "conll2")
                .usageError())
        .startsWith(
            latin1
                + ": line 2: expected UTF-8 text, found the byte 0xe9 at byte offset 11, which is not UTF-8");
    assertThat(
            Cli.run(
                    "eval",
                    v1,
                    "--test-text",
                    dir.resolve("nope.conll").toString(),
                    "--format",
                    "conll2")
                .usageError())
        .isEqualTo(
            dir.resolve("nope.conll") + ": file: expected an existing file, found no such file");
  }

  @Test
  void tagFlagsForAnImageModelAndHalfAPair() {
    String v1 = small.toString();
    assertThat(Cli.run("eval", v1, "--test-text", "x.txt", "--format", "brown").usageError())
        .isEqualTo(
            "data flags: expected image flags for an image model, found --test-text/--format/--tag-scheme");
    assertThat(Cli.run("eval", v1, "--test-images", "x.gz").usageError())
        .isEqualTo(
            "explicit test files: expected both --test-images and --test-labels, found only --test-images");
  }
}
