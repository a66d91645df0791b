package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;

class WeightTraceTest {
  /**
   * The traced entries are those whose coefficients vary most over depth, most first; ties by
   * index.
   */
  @Test
  void selectsTheMostDepthVaryingEntries() {
    var map =
        Method.PROJECTION.between(
            Basis.parse("piecewise_constant:2"), Basis.parse("piecewise_constant:1"));
    // [K = 2, m = 4]: entry 0 constant, 1 varies by 2, 2 by 6, 3 by 2
    double[] a = {1, 0, -3, 5, /* k = 1 */ 1, 2, 3, 7};
    double[] b = map.apply(a, 4);
    List<WeightTrace> t = WeightTrace.select("w", map, a, b, 4, 3);
    assertThat(t).extracting(WeightTrace::index).containsExactly(2, 1, 3);
    assertThat(t.get(0).before()).containsExactly(-3, 3);
    assertThat(t.get(0).after()).containsExactly(0);
    assertThat(t.get(0).valueBefore(0.25)).isEqualTo(-3);
    assertThat(t.get(0).valueBefore(0.75)).isEqualTo(3);
    assertThat(t.get(0).valueAfter(0.75)).isEqualTo(0);
    assertThat(WeightTrace.select("w", map, a, b, 4, 10)).hasSize(4);
  }
}
