package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaggedSentenceTest {

  @Test
  void oneTagPerWord() {
    assertThat(new TaggedSentence(List.of("a", "b"), List.of("x", "y")).length()).isEqualTo(2);
    assertThatThrownBy(() -> new TaggedSentence(List.of("a", "b"), List.of("x")))
        .hasMessage("tags: expected one per word (2), found 1");
  }
}
