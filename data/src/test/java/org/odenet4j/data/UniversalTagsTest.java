package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UniversalTagsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "nn-tl|NOUN",
        "nn|NOUN",
        "nns|NOUN",
        "np$|NOUN",
        "nps|NOUN",
        "nr|NOUN",
        "np-tl-hl|NOUN",
        "pps+bez|PRON",
        "pps|PRON",
        "ppss|PRON",
        "pp$|PRON",
        "pp$$|PRON",
        "ppo|PRON",
        "pn|PRON",
        "wps|PRON",
        "wpo|PRON",
        "ex|PRON",
        "fw-nn|NOUN",
        "fw-in|ADP",
        "fw-at+nn-tl|DET",
        "at|DET",
        "abn|DET",
        "abx|DET",
        "ap|DET",
        "dt|DET",
        "dti|DET",
        "dts|DET",
        "wdt|DET",
        ".|.",
        "\",\"|.",
        ":|.",
        "(|.",
        ")|.",
        "``|.",
        "''|.",
        "'|.",
        "--|.",
        "vbd|VERB",
        "vb|VERB",
        "vbg|VERB",
        "vbz|VERB",
        "bez|VERB",
        "bedz*|VERB",
        "hvd|VERB",
        "do*|VERB",
        "md|VERB",
        "md*|VERB",
        "md+hv|VERB",
        "jj|ADJ",
        "jjr|ADJ",
        "jjt|ADJ",
        "jj-tl|ADJ",
        "cd|NUM",
        "cd$|NUM",
        "od|NUM",
        "to|PRT",
        "rp|PRT",
        "in|ADP",
        "in-tl|ADP",
        "cs|CONJ",
        "cc|CONJ",
        "*|ADV",
        "rb|ADV",
        "rbr|ADV",
        "rbt|ADV",
        "ql|ADV",
        "qlp|ADV",
        "wrb|ADV",
        "wql|ADV",
        "rn|ADV",
        "uh|X",
        "nil|X",
        "fw|X",
        "xyz|X",
        "NN-TL|NOUN"
      })
  void mapsKnownTags(String brown, String universal) {
    assertThat(UniversalTags.map(brown)).isEqualTo(universal);
    assertThat(UniversalTags.TAGS).contains(universal);
  }

  @Test
  void baseStripsModifiersPrefixContractionAndMarkers() {
    assertThat(UniversalTags.base("nn-tl")).isEqualTo("nn");
    assertThat(UniversalTags.base("np-hl")).isEqualTo("np");
    assertThat(UniversalTags.base("nn-nc")).isEqualTo("nn");
    assertThat(UniversalTags.base("fw-nn-tl")).isEqualTo("nn");
    assertThat(UniversalTags.base("pps+bez")).isEqualTo("pps");
    assertThat(UniversalTags.base("md*")).isEqualTo("md");
    assertThat(UniversalTags.base("np$")).isEqualTo("np");
    assertThat(UniversalTags.base("*")).isEqualTo("*");
    assertThat(UniversalTags.base("--")).isEqualTo("--");
  }

  @Test
  void twelveTags() {
    assertThat(UniversalTags.TAGS).hasSize(12).doesNotHaveDuplicates();
  }
}
