package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaggingOptionsTest {

  @Test
  void defaultsAndBuilder() {
    assertThat(TaggingOptions.defaults()).isEqualTo(new TaggingOptions(64, 2, true, null));
    assertThat(TaggingOptions.builder().build()).isEqualTo(TaggingOptions.defaults());
    assertThat(
            TaggingOptions.builder()
                .maxLength(8)
                .minCount(1)
                .lowerCase(false)
                .tagScheme(TagScheme.RAW)
                .build())
        .isEqualTo(new TaggingOptions(8, 1, false, TagScheme.RAW));
  }

  @Test
  void valuesAreChecked() {
    assertThatThrownBy(() -> TaggingOptions.builder().maxLength(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength: expected >= 1, found 0");
    assertThatThrownBy(() -> TaggingOptions.builder().minCount(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minCount: expected >= 1, found 0");
  }

  @Test
  void schemeIsTheChosenOneElseTheFormats() {
    TaggingOptions byFormat = TaggingOptions.defaults();
    assertThat(byFormat.schemeFor(CorpusFormat.BROWN)).isEqualTo(TagScheme.UNIVERSAL);
    assertThat(byFormat.schemeFor(CorpusFormat.CONLL2)).isEqualTo(TagScheme.RAW);
    TaggingOptions raw = TaggingOptions.builder().tagScheme(TagScheme.RAW).build();
    assertThat(raw.schemeFor(CorpusFormat.BROWN)).isEqualTo(TagScheme.RAW);
    TaggingOptions universal = TaggingOptions.builder().tagScheme(TagScheme.UNIVERSAL).build();
    assertThat(universal.schemeFor(CorpusFormat.CONLL2)).isEqualTo(TagScheme.UNIVERSAL);
  }
}
