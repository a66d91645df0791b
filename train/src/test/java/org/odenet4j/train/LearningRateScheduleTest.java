package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void cosineGoesFromBaseThroughHalfToZero() {
    LearningRateSchedule s = LearningRateSchedule.cosine(0.1, 1000);
    assertThat(s.at(0)).isEqualTo(0.1);
    assertThat(s.at(500)).isCloseTo(0.05, within(1e-15));
    assertThat(s.at(250))
        .isCloseTo(0.1 * (0.5 + Math.sqrt(0.5) / 2), within(1e-15)); // cos(π/4) = √½
    assertThat(s.at(1000)).isCloseTo(0.0, within(1e-18));
    assertThat(s.at(5000)).isCloseTo(0.0, within(1e-18));
  }

  @Test
  void stepDecayMultipliesAtEachBoundary() {
    // the reference CIFAR recipe: 0.1, ×0.1 at epochs 80, 120, 160 (391 steps per epoch)
    LearningRateSchedule s =
        LearningRateSchedule.stepDecay(0.1, 0.1, 160 * 391L, 80 * 391L, 120 * 391L);
    assertThat(s.at(80 * 391L - 1)).isEqualTo(0.1);
    assertThat(s.at(80 * 391L)).isCloseTo(0.01, within(1e-17));
    assertThat(s.at(120 * 391L)).isCloseTo(0.001, within(1e-18));
    assertThat(s.at(179 * 391L)).isCloseTo(0.0001, within(1e-19));
  }

  /** The reference transformer schedule: 0.1·min(1, s/8000)/√max(s, 8000), s = step + 1. */
  @Test
  void warmupRisesLinearlyThenDecaysAsInverseSquareRoot() {
    LearningRateSchedule s = LearningRateSchedule.warmupRsqrt(0.1, 8000);
    assertThat(s.at(0)).isCloseTo(0.1 / 8000 / Math.sqrt(8000), within(1e-15));
    assertThat(s.at(7999)).isCloseTo(0.1 / Math.sqrt(8000), within(1e-15));
    assertThat(s.at(31999)).isCloseTo(0.1 / Math.sqrt(32000), within(1e-15));
    assertThat(s.at(31999) / s.at(7999)).isCloseTo(0.5, within(1e-12));
  }
}
