package org.odenet4j.train;

import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The tensors of one batch: model input, labels and (for user graphs that take one) the token mask.
 * Owns its tensors: close it after the step.
 *
 * @param input images {@code [n, H, W, C]} float or token ids {@code [n, L]} int32
 * @param labels class ids {@code [n]} or tag ids {@code [n, L]}
 * @param mask float {@code [n, L]}, or null
 * @param examples n
 */
public record Feed(Tensor input, TInt32 labels, TFloat32 mask, int examples)
    implements AutoCloseable {
  @Override
  public void close() {
    input.close();
    labels.close();
    if (mask != null) {
      mask.close();
    }
  }
}
