package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schedule strings map onto the schedules of {@link LearningRateSchedule} over the run's steps
 * (checked at known steps against their closed forms), and bad settings are refused with "expected
 * …, found …".
 */
class TrainerConfigTest {

  @Test
  void cosineRunsOverAllEpochs() {
    TrainerConfig c =
        TrainerConfig.builder().epochs(4).learningRate(0.1).schedule("cosine").build();
    LearningRateSchedule s = c.learningRateSchedule(10);
    assertThat(s.at(0)).isCloseTo(0.1, within(1e-12));
    assertThat(s.at(20)).isCloseTo(0.05, within(1e-12)); // halfway through 40 steps
    assertThat(s.at(40)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void stepDecayAtEpochStarts() {
    LearningRateSchedule s =
        TrainerConfig.builder()
            .epochs(6)
            .learningRate(1)
            .schedule("step:3,5@0.1")
            .build()
            .learningRateSchedule(10);
    assertThat(s.at(19)).isEqualTo(1.0);
    assertThat(s.at(20)).isCloseTo(0.1, within(1e-12));
    assertThat(s.at(40)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void rsqrtAutoWarmsUpOverOneEpoch() {
    LearningRateSchedule s =
        TrainerConfig.builder()
            .epochs(2)
            .learningRate(1)
            .schedule("rsqrt:auto")
            .build()
            .learningRateSchedule(100);
    // peak at the end of warm-up: 1/√100; then 1/√s
    assertThat(s.at(99)).isCloseTo(0.1, within(1e-12));
    assertThat(s.at(399)).isCloseTo(1 / Math.sqrt(400), within(1e-12));
  }

  @Test
  void badSettings() {
    assertThatThrownBy(
            () -> TrainerConfig.builder().schedule("zigzag").build().learningRateSchedule(5))
        .hasMessageStartingWith(
            "schedule: expected cosine, constant, step:E1,E2,…@FACTOR, rsqrt:WARMUP or rsqrt:auto, found 'zigzag'");
    assertThatThrownBy(() -> TrainerConfig.builder().epochs(0).build())
        .hasMessage("epochs: expected >= 1, found 0");
    assertThatThrownBy(() -> TrainerConfig.builder().validationFraction(1).build())
        .hasMessage("validation: expected a fraction in [0, 1), found 1.0");
    assertThatThrownBy(() -> TrainerConfig.builder().epochs(3).refineAt(List.of(4)).build())
        .hasMessage(
            "refine: expected epochs in 2..3 (a split happens before the given epoch), found 4");
  }
}
