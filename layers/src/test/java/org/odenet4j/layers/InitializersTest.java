package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {

  private static double[] meanAndStd(float[] v) {
    double m = 0;
    for (float f : v) {
      m += f;
    }
    m /= v.length;
    double s = 0;
    for (float f : v) {
      s += (f - m) * (f - m);
    }
    return new double[] {m, Math.sqrt(s / v.length)};
  }

  /**
   * Kaiming fan-out normal for [k, k, C_in, C_out] has std √(2/(k·k·C_out)), independent of C_in.
   */
  @Test
  void kaimingFanOutNormalHasTheFanOutStandardDeviation() {
    long[] shape = {3, 3, 16, 64}; // 9,216 draws: the sample std is within ~0.7 % (1σ)
    float[] v = Initializers.kaimingFanOutNormal().values(shape, new SplittableRandom(1));
    assertThat(v).hasSize(3 * 3 * 16 * 64);
    double expected = Math.sqrt(2.0 / (3 * 3 * 64));
    double[] ms = meanAndStd(v);
    assertThat(ms[1]).isCloseTo(expected, within(0.03 * expected));
    assertThat(ms[0]).isCloseTo(0, within(0.05 * expected));
    // a fan-in std would be √(2/(9·16)) = 2× larger
    assertThat(ms[1]).isLessThan(0.6 * Math.sqrt(2.0 / (3 * 3 * 16)));
    // roughly normal: ~4.6 % of draws beyond 2σ
    long tails = 0;
    for (float f : v) {
      if (Math.abs(f) > 2 * expected) {
        tails++;
      }
    }
    assertThat((double) tails / v.length).isCloseTo(0.0455, within(0.01));
  }

  /** Glorot uniform: values in ±√(6/(fan_in + fan_out)), filling it (variance limit²/3). */
  @Test
  void glorotUniformStaysWithinItsBounds() {
    checkGlorot(new long[] {40, 60}, Math.sqrt(6.0 / 100));
    checkGlorot(new long[] {3, 3, 8, 16}, Math.sqrt(6.0 / (9 * 8 + 9 * 16)));
  }

  private static void checkGlorot(long[] shape, double limit) {
    float[] v = Initializers.glorotUniform().values(shape, new SplittableRandom(2));
    double max = 0;
    for (float f : v) {
      max = Math.max(max, Math.abs(f));
    }
    assertThat(max).isLessThanOrEqualTo(limit).isGreaterThan(0.98 * limit);
    double[] ms = meanAndStd(v);
    assertThat(ms[1] * ms[1]).isCloseTo(limit * limit / 3, within(0.06 * limit * limit / 3));
  }

  @Test
  void constantsAndDeterminism() {
    assertThat(Initializers.zeros().values(new long[] {2, 3}, new SplittableRandom(0)))
        .hasSize(6)
        .containsOnly(0f);
    assertThat(Initializers.ones().values(new long[] {4}, new SplittableRandom(0)))
        .containsOnly(1f);
    assertThat(Initializers.constant(2.5f).values(new long[0], new SplittableRandom(0)))
        .containsExactly(2.5f);
    assertThat(Initializers.normal(0.1).values(new long[] {50}, new SplittableRandom(9)))
        .containsExactly(Initializers.normal(0.1).values(new long[] {50}, new SplittableRandom(9)));
    assertThat(Initializers.kaimingFanOutNormal().describe()).isEqualTo("kaiming_fan_out_normal");
    assertThat(Initializers.glorotUniform().describe()).isEqualTo("glorot_uniform");
  }
}
