package org.odenet4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;

/**
 * {@code odenet train}'s data flags become typed sources in the option class: incomplete explicit
 * files, a bad {@code --format}, {@code --min-count} and a folder for the embedded subset are one
 * line each, before any training, and nothing is written.
 */
class TrainDataFlagsTest {

  @Test
  void incompleteOrBadDataFlagsGiveOneErrorLine(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertThat(
            Cli.run("train", "image", "--train-images", "a", "--out", out.toString()).usageError())
        .isEqualTo(
            "explicit image files: expected all four of --train-images, --train-labels,"
                + " --test-images, --test-labels, found 1");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--test-images",
                    "a",
                    "--test-labels",
                    "b",
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo(
            "explicit image files: expected all four of --train-images, --train-labels,"
                + " --test-images, --test-labels, found 2");
    assertThat(
            Cli.run("train", "tagger", "--train-text", "x", "--out", out.toString()).usageError())
        .isEqualTo(
            "explicit tagging files: expected --train-text, --test-text and --format "
                + "(--dev-text optional), found --train-text");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--test-text",
                    "y",
                    "--dev-text",
                    "z",
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo(
            "explicit tagging files: expected --train-text, --test-text and --format "
                + "(--dev-text optional), found --dev-text --test-text");
    Path train = Files.writeString(dir.resolve("train.txt"), "\tThe/at dog/nn ./.\n");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--train-text",
                    train.toString(),
                    "--test-text",
                    train.toString(),
                    "--format",
                    "XML",
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo("--format: expected brown or conll2, found xml");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--min-count",
                    "0",
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo("minCount: expected >= 1, found 0");
    // the tag scheme is checked before the source
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--train-text",
                    "x",
                    "--tag-scheme",
                    "penn",
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo("--tag-scheme: expected universal or raw, found penn");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--data-dir",
                    dir.toString(),
                    "--out",
                    out.toString())
                .usageError())
        .isEqualTo(
            "--data-dir: expected no folder with --data embedded (the embedded subset is built in), found "
                + dir);
    assertThat(
            Cli.run("train", "image", "--data", "cifar-10", "--out", out.toString()).usageError())
        .isEqualTo(
            "image data set: expected fashion-mnist or embedded (or --train-images/--train-labels/"
                + "--test-images/--test-labels), found cifar-10");
    assertThat(
            Cli.run("train", "tagger", "--data", "conll2003", "--out", out.toString()).usageError())
        .isEqualTo(
            "tagging data set: expected brown or embedded (or --train-text/--test-text/--format),"
                + " found conll2003");
    assertThat(out.resolve("1")).doesNotExist();
  }
}
