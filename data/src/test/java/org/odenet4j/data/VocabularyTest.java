package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

  @TempDir Path dir;

  private static final List<String> TOKENS =
      List.of("the", "The", "cat", "sat", "on", "the", "mat", "a", "cat", "b", "b", "THE");

  @Test
  void padAndUnkComeFirstThenFrequencyThenLexicographic() {
    Vocabulary v = Vocabulary.buildFromTokens(TOKENS, 1, true);
    assertThat(Vocabulary.PAD).isZero();
    assertThat(Vocabulary.UNK).isOne();
    assertThat(v.words())
        .containsExactly("<pad>", "<unk>", "the", "b", "cat", "a", "mat", "on", "sat");
    assertThat(v.id("THE")).isEqualTo(2);
    assertThat(v.id("dog")).isEqualTo(Vocabulary.UNK);
    assertThat(v.id("<pad>")).as("the literal text <pad> is not padding").isEqualTo(Vocabulary.UNK);
    assertThat(v.encode(List.of("The", "cat", "zzz"))).containsExactly(2, 4, 1);
  }

  @Test
  void frequencyCutOffMapsRareWordsToUnk() {
    Vocabulary v = Vocabulary.buildFromTokens(TOKENS, 2, true);
    assertThat(v.words()).containsExactly("<pad>", "<unk>", "the", "b", "cat");
    assertThat(v.id("mat")).isEqualTo(Vocabulary.UNK);
    assertThat(v.contains("cat")).isTrue();
    assertThat(v.contains("mat")).isFalse();
    assertThat(v.minCount()).isEqualTo(2);
  }

  @Test
  void caseSensitiveWhenNotLowerCasing() {
    Vocabulary v = Vocabulary.buildFromTokens(TOKENS, 1, false);
    assertThat(v.id("the")).isNotEqualTo(v.id("The"));
    assertThat(v.id("the")).isEqualTo(4);
    assertThat(v.words().subList(2, 5)).containsExactly("b", "cat", "the");
  }

  @Test
  void sameCorpusGivesSameIdsWhateverTheOrder() {
    List<String> reversed = new java.util.ArrayList<>(TOKENS);
    java.util.Collections.reverse(reversed);
    assertThat(Vocabulary.buildFromTokens(reversed, 1, true))
        .isEqualTo(Vocabulary.buildFromTokens(TOKENS, 1, true));
  }

  @Test
  void buildsFromSentences() {
    Vocabulary v =
        Vocabulary.build(
            List.of(new TaggedSentence(List.of("A", "b"), List.of("x", "y"))), 1, false);
    assertThat(v.size()).isEqualTo(4);
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    Vocabulary v =
        Vocabulary.buildFromTokens(List.of("naïve", "café", "café", "#", "1/2"), 1, false);
    Path f = dir.resolve("vocab.txt");
    v.save(f);
    assertThat(Files.readAllLines(f))
        .startsWith(
            "# odenet4j vocabulary",
            "# lowercase=false min-count=1 size=6",
            "<pad>",
            "<unk>",
            "café");
    Vocabulary back = Vocabulary.load(f);
    assertThat(back).isEqualTo(v);
    assertThat(back.lowerCase()).isFalse();
    assertThat(back.id("#")).isEqualTo(v.id("#"));
  }

  @Test
  void loadValidatesHeaderSizeAndSpecialEntries() throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "hello\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 1: expected '# odenet4j vocabulary', found 'hello'");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=true min-count=1 size=3\n<pad>\n" + "<unk>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .hasMessage(f + ": number of words: expected 3 (size= in the header), found 2");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=true min-count=1 size=2\n<unk>\n" + "<pad>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .hasMessage(f + ": lines 3-4: expected <pad> and <unk>, found [<unk>, <pad>]");
  }

  /**
   * Header values that are not numbers or booleans name the file, the key, what was expected and
   * found.
   */
  @Test
  void loadValidatesHeaderValues() throws IOException {
    Path f = dir.resolve("bad-values.txt");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=true min-count=1 size=two\n<pad>\n<unk>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 2, size: expected an integer >= 0, found 'two'");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=true min-count=x size=2\n<pad>\n<unk>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 2, min-count: expected an integer >= 1, found 'x'");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=true min-count=0 size=2\n<pad>\n<unk>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 2, min-count: expected an integer >= 1, found '0'");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=yes min-count=1 size=2\n<pad>\n<unk>\n");
    assertThatThrownBy(() -> Vocabulary.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 2, lowercase: expected true or false, found 'yes'");
    Files.writeString(
        f, "# odenet4j vocabulary\n# lowercase=false min-count=1 size=2\n<pad>\n<unk>\n");
    assertThat(Vocabulary.load(f).lowerCase()).isFalse();
  }

  /** The asset bytes are exactly the saved file, so a model's assets load like saved files. */
  @Test
  void toBytesIsTheSavedFile() throws IOException {
    Vocabulary v = Vocabulary.buildFromTokens(TOKENS, 2, true);
    Path f = dir.resolve("saved-vocabulary.txt");
    v.save(f);
    assertThat(v.toBytes()).isEqualTo(Files.readAllBytes(f));
    Files.write(f, v.toBytes());
    assertThat(Vocabulary.load(f)).isEqualTo(v);
  }
}
