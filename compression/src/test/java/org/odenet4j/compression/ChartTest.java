package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartTest {
  @Test
  void ticksAreRoundNumbersCoveringTheRange() {
    assertThat(Chart.niceTicks(0, 1, 6)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
    assertThat(Chart.niceTicks(-0.13, 0.41, 6))
        .containsExactly(-0.1, 0.0, 0.1, 0.2, 0.30000000000000004, 0.4);
  }

  @Test
  void labels() {
    assertThat(Chart.format(16)).isEqualTo("16");
    assertThat(Chart.format(0.6000000000000001)).isEqualTo("0.6");
    assertThat(Chart.format(1.5e-5)).isEqualTo("1.5e-05");
  }
}
