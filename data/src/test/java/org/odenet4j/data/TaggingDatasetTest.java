package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaggingDatasetTest {

  private static final List<TaggedSentence> SENTENCES =
      List.of(
          new TaggedSentence(List.of("the", "cat", "sat"), List.of("DET", "NOUN", "VERB")),
          new TaggedSentence(List.of("a", "dog"), List.of("DET", "NOUN")),
          new TaggedSentence(
              List.of("the", "the", "the", "the", "cat"),
              List.of("DET", "DET", "DET", "DET", "NOUN")));

  private static TaggingDataset encode(int maxLength) {
    Vocabulary v = Vocabulary.build(SENTENCES, 2, true); // the, cat
    return TaggingDataset.encode(SENTENCES, v, TagSet.universal(), maxLength, "test");
  }

  @Test
  void padsWithPadIdAndMasks() {
    TaggingDataset d = encode(4);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.shape(3)).containsExactly(3, 4);
    int the = d.vocabulary().id("the");
    int cat = d.vocabulary().id("cat");
    assertThat(d.batchTokens(new int[] {0, 1}))
        .containsExactly(
            the,
            cat,
            Vocabulary.UNK,
            Vocabulary.PAD,
            Vocabulary.UNK,
            Vocabulary.UNK,
            Vocabulary.PAD,
            Vocabulary.PAD);
    assertThat(d.batchTags(new int[] {1})).containsExactly(5, 0, 0, 0);
    assertThat(d.batchMask(new int[] {1, 0})).containsExactly(1f, 1f, 0f, 0f, 1f, 1f, 1f, 0f);
    assertThat(d.source()).isEqualTo("test");
  }

  @Test
  void truncatesLongSentences() {
    TaggingDataset d = encode(4);
    assertThat(d.lengths()).containsExactly(3, 2, 5);
    assertThat(d.truncatedSentences()).isEqualTo(1);
    assertThat(d.tokenCount()).isEqualTo(3 + 2 + 4);
    assertThat(d.batchMask(new int[] {2})).containsExactly(1f, 1f, 1f, 1f);
    assertThat(d.unknownRate()).isEqualTo(3.0 / 9);
  }

  @Test
  void subsetKeepsRows() {
    TaggingDataset d = encode(6);
    TaggingDataset s = d.subset(new int[] {2}, "sub");
    assertThat(s.batchTokens(new int[] {0})).isEqualTo(d.batchTokens(new int[] {2}));
    assertThat(s.lengths()).containsExactly(5);
  }

  @Test
  void unknownTagNamesSentenceAndToken() {
    Vocabulary v = Vocabulary.build(SENTENCES, 1, true);
    assertThatThrownBy(
            () ->
                TaggingDataset.encode(
                    List.of(new TaggedSentence(List.of("x"), List.of("nn"))),
                    v,
                    TagSet.universal(),
                    4,
                    "src"))
        .hasMessageStartingWith("src: sentence 0, token 0 ('x'): expected a tag in [NOUN,")
        .hasMessageEndingWith("found 'nn'");
  }
}
