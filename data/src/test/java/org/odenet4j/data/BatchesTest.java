package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void sameSeedSameOrderEveryEpochDifferent() {
    Batches a = Batches.of(100, 16, true, false, 42);
    Batches b = Batches.of(100, 16, true, false, 42);
    assertThat(a.order(3)).isEqualTo(b.order(3));
    assertThat(a.order(3)).isNotEqualTo(a.order(4));
    assertThat(a.order(0)).isNotEqualTo(Batches.of(100, 16, true, false, 43).order(0));
    assertThat(a.order(0)).isNotEqualTo(IntStream.range(0, 100).toArray());
    int[] sorted = a.order(5).clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(IntStream.range(0, 100).toArray());
  }

  @Test
  void batchSizesWithAndWithoutDropLast() {
    List<int[]> keep = Batches.of(100, 16, true, false, 1).epoch(0);
    assertThat(keep).hasSize(7);
    assertThat(keep.get(6)).hasSize(4);
    assertThat(Batches.of(100, 16, true, true, 1).epoch(0))
        .hasSize(6)
        .allMatch(b -> b.length == 16);
    assertThat(Batches.of(100, 16, true, true, 1).batchesPerEpoch()).isEqualTo(6);
  }

  @Test
  void unshuffledIsInOrderAndOverASubset() {
    Batches b = Batches.over(new int[] {5, 7, 9}, 2, false, false, 0);
    Iterator<int[]> it = b.iterator(0);
    assertThat(it.next()).containsExactly(5, 7);
    assertThat(it.next()).containsExactly(9);
    assertThat(it.hasNext()).isFalse();
    int[] shuffled = Batches.over(new int[] {5, 7, 9}, 3, true, false, 0).order(0);
    assertThat(shuffled).containsExactlyInAnyOrder(5, 7, 9);
  }

  @Test
  void seededRandomStreams() {
    assertThat(Batches.random(1, 2).nextLong()).isEqualTo(Batches.random(1, 2).nextLong());
    assertThat(Batches.random(1, 2).nextLong()).isNotEqualTo(Batches.random(1, 3).nextLong());
  }
}
