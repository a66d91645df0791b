package org.odenet4j.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A deterministic partition of the indices {@code 0 .. n-1} of a training set into a training part
 * and a validation part. The test split is never touched: carve validation data only from training
 * data.
 *
 * @param train indices kept for training, ascending
 * @param validation indices held out for validation, ascending
 */
public record Split(int[] train, int[] validation) {

  /**
   * Holds out {@code round(n * fraction)} indices chosen by a seeded Fisher–Yates shuffle; the same
   * {@code (n, fraction, seed)} always gives the same split. Both parts are sorted, disjoint and
   * together cover {@code 0 .. n-1}.
   *
   * @param n size of the training set
   * @param fraction fraction to hold out, in {@code [0, 1)}
   * @param seed shuffle seed
   */
  public static Split validation(int n, double fraction, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n: expected >= 0, found " + n);
    }
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction: expected [0, 1), found " + fraction);
    }
    int[] order = Batches.permutation(n, new Random(seed));
    int held = (int) Math.round(n * fraction);
    if (held == n && n > 0) {
      held = n - 1;
    }
    int[] validation = Arrays.copyOfRange(order, 0, held);
    int[] train = Arrays.copyOfRange(order, held, n);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new Split(train, validation);
  }

  /** Number of training indices. */
  public int trainSize() {
    return train.length;
  }

  /** Number of validation indices. */
  public int validationSize() {
    return validation.length;
  }

  @Override
  public String toString() {
    return "Split[" + train.length + " train, " + validation.length + " validation]";
  }
}
