package org.odenet4j.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A SHA-256 over the examples of {@link TrainingData} as the trainer is fed them, without
 * augmentation: for each example in index order, its input values then its label values (then its
 * mask values, if any), each value as 4 little-endian bytes (float32 or int32).
 */
final class DataFingerprint {
  private static final int CHUNK = 1024;

  private DataFingerprint() {}

  static String sha256(TrainingData data) {
    MessageDigest digest = newDigest();
    for (int from = 0; from < data.size(); from += CHUNK) {
      int n = Math.min(CHUNK, data.size() - from);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = from + i;
      }
      try (Feed feed = data.batch(idx, null)) {
        ByteBuffer input = bytes(feed.input());
        ByteBuffer labels = bytes(feed.labels());
        ByteBuffer mask = feed.mask() == null ? null : bytes(feed.mask());
        for (int i = 0; i < n; i++) {
          update(digest, input, i, n);
          update(digest, labels, i, n);
          if (mask != null) {
            update(digest, mask, i, n);
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Example {@code i} of {@code n} equal-sized examples in {@code all}. */
  private static void update(MessageDigest digest, ByteBuffer all, int i, int n) {
    int per = all.capacity() / n;
    digest.update(all.array(), i * per, per);
  }

  private static ByteBuffer bytes(Tensor t) {
    int size = (int) t.shape().size();
    ByteBuffer out = ByteBuffer.allocate(4 * size).order(ByteOrder.LITTLE_ENDIAN);
    if (t instanceof TFloat32 f) {
      float[] values = new float[size];
      f.copyTo(DataBuffers.of(values, false, false));
      out.asFloatBuffer().put(values);
    } else if (t instanceof TInt32 ints) {
      int[] values = new int[size];
      ints.copyTo(DataBuffers.of(values, false, false));
      out.asIntBuffer().put(values);
    } else {
      throw new IllegalArgumentException(
          "training data: expected float32 or int32 tensors, found " + t.dataType());
    }
    return out;
  }
}
