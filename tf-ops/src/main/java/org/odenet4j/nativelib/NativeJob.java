package org.odenet4j.nativelib;

import java.util.Locale;

/**
 * What a process mostly does with TensorFlow, for choosing its native configuration: the fastest
 * setting differs between the two (measured: oneDNN on a 2-core AMD EPYC VM made inference 3×
 * slower and training 1.7× faster on one host, and both faster on another; see BENCHMARKS.md).
 */
public enum NativeJob {
  /**
   * Running a model's inference graph: predict, eval, compress (its BatchNorm refit and checks).
   */
  INFERENCE,
  /** Training steps: fit, {@code odenet train}, {@code odenet demo}. */
  TRAINING;

  /** The lower-case name used in profiles and on the command line ({@code inference}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The job whose {@link #key()} is {@code key}; one line naming the keys otherwise. */
  public static NativeJob ofKey(String key) {
    for (NativeJob job : values()) {
      if (job.key().equals(key)) {
        return job;
      }
    }
    throw new IllegalArgumentException(
        "native job: expected one of inference, training, found '" + key + "'");
  }
}
