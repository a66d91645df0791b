package org.odenet4j.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {

  @Test
  void escapesLineBreaksOnly() {
    assertThat(OneLine.of("a\nb\r\nc\rd\u0085e\u2028f\u2029g"))
        .isEqualTo("a\\nb\\r\\nc\\rd\\u0085e\\u2028f\\u2029g")
        .doesNotContainPattern("\\R");
    assertThat(OneLine.of("tab\tand unicode: na\u00efve \u212a"))
        .isEqualTo("tab\tand unicode: na\u00efve \u212a");
    assertThat(OneLine.of(null)).isEqualTo("null");
    assertThat(OneLine.of(java.util.List.of("x\ny"))).isEqualTo("[x\\ny]");
  }
}
