package org.odenet4j.train;

/**
 * Mean loss and accuracy of a head over some examples (NaN, NaN when there were none to score).
 *
 * @param loss mean loss over counted examples
 * @param accuracy fraction of counted examples predicted right
 */
record LossAccuracy(double loss, double accuracy) {
  static final LossAccuracy NONE = new LossAccuracy(Double.NaN, Double.NaN);
}
