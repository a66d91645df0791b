package org.odenet4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Mini-batches of indices over a pool of example indices (all of a data set, or the training part
 * of a {@link Split}), optionally shuffled per epoch. The order of epoch {@code e} depends only on
 * {@code (seed, e)}: the same seed always gives the same sequence of batches, and different epochs
 * give different orders.
 *
 * <pre>{@code
 * Batches batches = Batches.over(split.train(), 128, true, false, 42);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   for (int[] idx : batches.epoch(epoch)) {
 *     float[] x = train.batch(idx);
 *     int[] y = train.labels(idx);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * @param indices the example indices to draw from
 * @param batchSize examples per batch
 * @param shuffle whether to shuffle each epoch
 * @param dropLast whether to drop a final batch smaller than {@code batchSize}
 * @param seed shuffle seed
 */
public record Batches(int[] indices, int batchSize, boolean shuffle, boolean dropLast, long seed) {

  public Batches {
    indices = indices.clone();
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: expected >= 1, found " + batchSize);
    }
  }

  /** Batches over {@code 0 .. n-1}. */
  public static Batches of(int n, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return new Batches(all, batchSize, shuffle, dropLast, seed);
  }

  /** Batches over the given indices. */
  public static Batches over(
      int[] indices, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    return new Batches(indices, batchSize, shuffle, dropLast, seed);
  }

  /** Number of batches in each epoch. */
  public int batchesPerEpoch() {
    return dropLast ? indices.length / batchSize : (indices.length + batchSize - 1) / batchSize;
  }

  /** Index order of epoch {@code epoch} (a permutation of {@link #indices()} when shuffled). */
  public int[] order(int epoch) {
    if (!shuffle) {
      return indices.clone();
    }
    int[] perm = permutation(indices.length, random(seed, epoch));
    int[] out = new int[indices.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = indices[perm[i]];
    }
    return out;
  }

  /** The batches of epoch {@code epoch}, in order. */
  public List<int[]> epoch(int epoch) {
    int[] order = order(epoch);
    List<int[]> out = new ArrayList<>(batchesPerEpoch());
    for (int b = 0; b < batchesPerEpoch(); b++) {
      int from = b * batchSize;
      out.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    return out;
  }

  /** An iterator over the batches of epoch {@code epoch}. */
  public Iterator<int[]> iterator(int epoch) {
    return epoch(epoch).iterator();
  }

  /** A random source for {@code (seed, stream)}, e.g. per-epoch augmentation. */
  public static Random random(long seed, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + stream + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }

  /** A seeded Fisher–Yates permutation of {@code 0 .. n-1}. */
  static int[] permutation(int n, Random rnd) {
    int[] p = new int[n];
    Arrays.setAll(p, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public String toString() {
    return "Batches["
        + indices.length
        + " examples, batch "
        + batchSize
        + ", "
        + batchesPerEpoch()
        + " per epoch"
        + (shuffle ? ", shuffled, seed " + seed : "")
        + "]";
  }
}
