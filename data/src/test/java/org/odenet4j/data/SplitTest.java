package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void deterministicForASeed() {
    Split a = Split.validation(1000, 0.1, 7);
    Split b = Split.validation(1000, 0.1, 7);
    assertThat(a.train()).isEqualTo(b.train());
    assertThat(a.validation()).isEqualTo(b.validation());
    assertThat(Split.validation(1000, 0.1, 8).validation()).isNotEqualTo(a.validation());
  }

  @Test
  void disjointSortedAndCovering() {
    Split s = Split.validation(1000, 0.1, 7);
    assertThat(s.validationSize()).isEqualTo(100);
    assertThat(s.trainSize()).isEqualTo(900);
    assertThat(s.train()).isSorted();
    assertThat(s.validation()).isSorted();
    int[] all =
        IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation()))
            .sorted()
            .toArray();
    assertThat(all).isEqualTo(IntStream.range(0, 1000).toArray());
    // not simply the last 10 %
    assertThat(s.validation()[0]).isLessThan(900);
  }

  @Test
  void edgeCases() {
    assertThat(Split.validation(10, 0, 1).validationSize()).isZero();
    assertThat(Split.validation(0, 0.5, 1).trainSize()).isZero();
    assertThat(Split.validation(2, 0.9, 1).trainSize()).isEqualTo(1);
    assertThatThrownBy(() -> Split.validation(10, 1.0, 1))
        .hasMessage("validation fraction: expected [0, 1), found 1.0");
  }
}
