package org.odenet4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.data.TaggingData;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.data.TaggingOptions;
import org.odenet4j.savedmodel.Manifest;

/**
 * {@code odenet train} end to end on the embedded subsets with small settings: the refinement
 * schedule shows in the metrics log, the exported version carries the refined spec, and {@code
 * odenet eval} of that version reports exactly the test accuracy the trainer printed (same counts).
 * A tagger's token accuracy counts real tokens only. A second run writes the next version; bad
 * flags give one error line.
 */
class TrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode lastJson(String out) throws Exception {
    List<String> lines = out.lines().toList();
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  @Test
  void trainsAnImageModelWithRefinementAndEvalReproducesTheAccuracy(@TempDir Path dir)
      throws Exception {
    Path base = dir.resolve("models");
    Path log = dir.resolve("metrics.jsonl");
    Cli.Result r =
        Cli.run(
            "train",
            "image",
            "--data",
            "embedded",
            "--width",
            "2",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--epochs",
            "2",
            "--refine",
            "2",
            "--batch",
            "256",
            "--validation",
            "0.1",
            "--progress",
            "lines",
            "--metrics",
            log.toString(),
            "--out",
            base.toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(
            "data: embedded Fashion-MNIST subset: 6,000 train, 1,000 test",
            "split 1 before epoch 2");
    JsonNode summary = lastJson(r.out());
    assertThat(summary.get("output").asText()).isEqualTo(base.resolve("1").toString());
    assertThat(summary.get("history")).hasSize(2);
    assertThat(summary.get("history").get(1).get("blocks").get(0).get("basis").asText())
        .isEqualTo("piecewise_constant:2");
    JsonNode test = summary.get("test");
    assertThat(test.get("examples").asLong()).isEqualTo(1000);
    Manifest manifest = Manifest.read(base.resolve("1"));
    assertThat(manifest.spec().odeBlocks())
        .allSatisfy(
            b -> {
              assertThat(b.basis()).hasToString("piecewise_constant:2");
              assertThat(b.steps()).isEqualTo(2);
            });
    assertThat(manifest.provenance().source().operation()).isEqualTo("odenet train image");
    // the run's provenance: seed, trainer settings, refinement, and the embedded data's SHA-256
    Manifest.Training training = manifest.provenance().training();
    assertThat(training.refineAt()).containsExactly(2);
    assertThat(training.trainer()).containsEntry("batch_size", 256).containsEntry("epochs", 2);
    assertThat(training.data().source()).startsWith("embedded Fashion-MNIST subset");
    assertThat(training.data().sha256())
        .isEqualTo(
            org.odenet4j.train.TrainingData.images(org.odenet4j.data.ImageData.embedded().train())
                .provenance()
                .sha256())
        .hasSize(64);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines.get(2)).get("test_correct").asLong())
        .isEqualTo(test.get("correct").asLong());

    JsonNode eval =
        Cli.run(
                "eval",
                base.resolve("1").toString(),
                "--data",
                "embedded",
                "--batch",
                "500",
                "--json")
            .success();
    assertThat(eval.get("accuracy").asDouble()).isEqualTo(test.get("accuracy").asDouble());
    assertThat(eval.get("correct").asLong()).isEqualTo(test.get("correct").asLong());
    assertThat(eval.get("loss").asDouble())
        .isCloseTo(test.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(eval.get("latency_ms_p95").asDouble())
        .isGreaterThanOrEqualTo(eval.get("latency_ms_p50").asDouble());

    // a second run never overwrites: it writes version 2
    Cli.Result again =
        Cli.run(
            "train",
            "image",
            "--data",
            "embedded",
            "--width",
            "2",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--epochs",
            "1",
            "--batch",
            "512",
            "--progress",
            "none",
            "--out",
            base.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("exported " + base.resolve("2"));
    assertThat(Files.isDirectory(base.resolve("1").resolve("variables"))).isTrue();
  }

  @Test
  void trainsATaggerAndCountsRealTokensOnly(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("tagger");
    Cli.Result r =
        Cli.run(
            "train",
            "tagger",
            "--data",
            "embedded",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--d-model",
            "32",
            "--heads",
            "2",
            "--mlp-dim",
            "64",
            "--max-length",
            "40",
            "--epochs",
            "6",
            "--lr",
            "0.003",
            "--schedule",
            "constant",
            "--progress",
            "none",
            "--out",
            base.toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode test = lastJson(r.out()).get("test");
    // independent count: real tokens of the embedded test split, truncated at 40
    TaggingData data = TaggingData.embedded(TaggingOptions.builder().maxLength(40).build());
    TaggingDataset t = data.test();
    long tokens = 0;
    for (int len : t.lengths()) {
      tokens += Math.min(len, 40);
    }
    assertThat(test.get("counted").asLong()).isEqualTo(tokens);
    assertThat(test.get("accuracy").asDouble()).isGreaterThan(0.5);
    assertThat(base.resolve("1/assets.extra/vocabulary.txt")).exists();
    assertThat(base.resolve("1/assets.extra/tags.txt")).exists();
    JsonNode eval =
        Cli.run(
                "eval",
                base.resolve("1").toString(),
                "--data",
                "embedded",
                "--batch",
                "500",
                "--json")
            .success();
    assertThat(eval.get("correct").asLong()).isEqualTo(test.get("correct").asLong());
    assertThat(eval.get("counted").asLong()).isEqualTo(tokens);
  }

  @Test
  void badFlagsGiveOneErrorLine(@TempDir Path dir) {
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--checkpoint",
                    "middle",
                    "--out",
                    dir.toString())
                .usageError())
        .isEqualTo("--checkpoint: expected best or last, found middle");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--epochs",
                    "2",
                    "--refine",
                    "1",
                    "--out",
                    dir.toString())
                .usageError())
        .isEqualTo(
            "refine: expected epochs in 2..2 (a split happens before the given epoch), found 1");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--input",
                    "32x32x3",
                    "--out",
                    dir.toString())
                .usageError())
        .isEqualTo(
            "embedded Fashion-MNIST subset: 6,000 train, 1,000 test [train]: images: expected 32x32x3 (--input 32x32x3), found 28x28x1");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--schedule",
                    "wavy",
                    "--out",
                    dir.toString())
                .usageError())
        .startsWith("schedule: expected cosine, constant");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--tag-scheme",
                    "penn",
                    "--out",
                    dir.toString())
                .usageError())
        .isEqualTo("--tag-scheme: expected universal or raw, found penn");
    assertThat(dir.resolve("1")).doesNotExist();
  }

  /**
   * A flag the KIND does not use would be ignored: it is refused instead, before any data is read.
   */
  @Test
  void flagsOfTheOtherKindAreRefused(@TempDir Path dir) {
    Path base = dir.resolve("m");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--train-text",
                    "x.txt",
                    "--min-count",
                    "1",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            "train image: expected image flags, found --train-text, --min-count (tagger only)");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--train-images",
                    "x.gz",
                    "--augment",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            "train tagger: expected tagger flags, found --train-images, --augment (image only)");
    assertThat(base).doesNotExist();
  }

  /**
   * The hand-kept lists of kind-specific flags name real options of {@code train} (a renamed option
   * would otherwise silently escape the check), and no flag is in both lists.
   */
  @Test
  void kindSpecificFlagListsNameRealOptions() {
    var train = org.odenet4j.cli.Main.commandLine().getSubcommands().get("train").getCommandSpec();
    for (String name : TrainCommand.IMAGE_ONLY) {
      assertThat(train.findOption(name)).as(name).isNotNull();
    }
    for (String name : TrainCommand.TAGGER_ONLY) {
      assertThat(train.findOption(name)).as(name).isNotNull();
    }
    assertThat(TrainCommand.IMAGE_ONLY).doesNotContainAnyElementsOf(TrainCommand.TAGGER_ONLY);
  }

  /**
   * A trained tagger's vocabulary and tag count come from the data: --vocab/--tags would be
   * ignored, so they are refused.
   */
  @Test
  void taggerSizeFlagsAreRefusedByTrain(@TempDir Path dir) {
    Path base = dir.resolve("m");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--vocab",
                    "5000",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            "train tagger: --vocab: expected no value (train takes the vocabulary from the training words,"
                + " sized by --min-count), found 5000");
    assertThat(
            Cli.run(
                    "train",
                    "tagger",
                    "--data",
                    "embedded",
                    "--tags",
                    "20",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            "train tagger: --tags: expected no value (train takes the tag set from the data, chosen by"
                + " --tag-scheme), found 20");
    assertThat(base).doesNotExist();
  }

  /**
   * --classes below the data's largest label: refused before training (the embedded training
   * split's first image is an ankle boot, label 9), nothing written.
   */
  @Test
  void classesMustCoverEveryLabel(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("m");
    int[] labels = org.odenet4j.data.ImageData.embedded().train().labels();
    assertThat(labels[0]).isEqualTo(9);
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "embedded",
                    "--classes",
                    "5",
                    "--width",
                    "2",
                    "--basis",
                    "piecewise_constant:1",
                    "--steps",
                    "1",
                    "--progress",
                    "none",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            "embedded Fashion-MNIST subset: 6,000 train, 1,000 test [train]: labels: expected 0..4 (--classes 5), "
                + "found label 9 (image 0)");
    assertThat(base).doesNotExist();
  }

  /**
   * An explicit --version that exists is refused before any data is read (here: a data folder that
   * does not exist).
   */
  @Test
  void existingVersionIsRefusedBeforeTheData(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("m");
    Files.createDirectories(base.resolve("3"));
    Path typo = dir.resolve("typo");
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "fashion-mnist",
                    "--data-dir",
                    typo.toString(),
                    "--version",
                    "3",
                    "--progress",
                    "none",
                    "--out",
                    base.toString())
                .usageError())
        .isEqualTo(
            base.resolve("3")
                + ": version: expected a new version, found version 3 already exists (not overwritten)");
    try (var s = Files.list(base)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("3");
    }
    // a free version gets as far as the data: the explicit folder must hold it
    assertThat(
            Cli.run(
                    "train",
                    "image",
                    "--data",
                    "fashion-mnist",
                    "--data-dir",
                    typo.toString(),
                    "--version",
                    "4",
                    "--progress",
                    "none",
                    "--out",
                    base.toString())
                .usageError())
        .startsWith(typo + ": Fashion-MNIST folder: expected a folder holding ");
    try (var s = Files.list(base)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("3");
    }
  }
}
