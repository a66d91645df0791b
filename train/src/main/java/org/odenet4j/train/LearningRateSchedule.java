package org.odenet4j.train;

/**
 * The learning rate as a function of the 0-based optimisation step, fed to the graph at every step
 * (TF Java 1.1.0's framework optimizers bake the rate in as a constant).
 */
public interface LearningRateSchedule {
  double at(long step);

  /** A constant rate. */
  static LearningRateSchedule constant(double rate) {
    return step -> rate;
  }

  /** base·½·(1 + cos(π·min(step, total)/total)): from base at step 0 to 0 at step {@code total}. */
  static LearningRateSchedule cosine(double base, long total) {
    if (total < 1) {
      throw new IllegalArgumentException(
          "cosine schedule: expected total steps >= 1, found " + total);
    }
    return step -> base * 0.5 * (1.0 + Math.cos(Math.PI * Math.min(step, total) / total));
  }

  /** base·factor^(number of boundaries ≤ step), e.g. ×0.1 at the steps of epochs 80, 120, 160. */
  static LearningRateSchedule stepDecay(double base, double factor, long... boundaries) {
    long[] sorted = boundaries.clone();
    java.util.Arrays.sort(sorted);
    return step -> {
      int passed = 0;
      for (long b : sorted) {
        if (step >= b) {
          passed++;
        }
      }
      return base * Math.pow(factor, passed);
    };
  }

  /**
   * The reference transformer schedule: base·min(1, s/warmup)/√max(s, warmup) with s = step + 1
   * (linear warm-up, then inverse square-root decay).
   */
  static LearningRateSchedule warmupRsqrt(double base, long warmup) {
    if (warmup < 1) {
      throw new IllegalArgumentException("warm-up: expected >= 1 steps, found " + warmup);
    }
    return step -> {
      double s = step + 1.0;
      return base * Math.min(1.0, s / warmup) / Math.sqrt(Math.max(s, warmup));
    };
  }
}
