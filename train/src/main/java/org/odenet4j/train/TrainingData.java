package org.odenet4j.train;

import java.util.Random;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TaggingDataset;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Examples the {@link Trainer} can batch: images (scaled to [0, 1], optionally augmented) or
 * encoded sentences. A user's own data implements {@link #batch} directly.
 */
public interface TrainingData {

  /** Number of examples. */
  int size();

  /** Where the examples came from (printed). */
  String source();

  /**
   * The tensors of the examples {@code indices}; {@code augmentation} is a seeded generator when
   * the batch is for training with augmentation on, else null.
   */
  Feed batch(int[] indices, Random augmentation);

  /** Images scaled to [0, 1], with random crop/flip when training with augmentation. */
  static TrainingData images(ImageDataset data, ImageAugmentation augmentation) {
    return new TrainingData() {
      @Override
      public int size() {
        return data.size();
      }

      @Override
      public String source() {
        return data.source();
      }

      @Override
      public Feed batch(int[] indices, Random random) {
        float[] x = data.batch(indices);
        if (random != null && augmentation != null) {
          x =
              augmentation.apply(
                  x, indices.length, data.height(), data.width(), data.channels(), random);
        }
        TFloat32 input =
            TFloat32.tensorOf(Shape.of(data.shape(indices.length)), DataBuffers.of(x, true, false));
        TInt32 labels =
            TInt32.tensorOf(
                Shape.of(indices.length), DataBuffers.of(data.labels(indices), true, false));
        return new Feed(input, labels, null, indices.length);
      }
    };
  }

  /** Encoded sentences: token ids and tag ids {@code [n, maxLength]}, with their mask. */
  static TrainingData tagging(TaggingDataset data) {
    return new TrainingData() {
      @Override
      public int size() {
        return data.size();
      }

      @Override
      public String source() {
        return data.source();
      }

      @Override
      public Feed batch(int[] indices, Random random) {
        Shape shape = Shape.of(indices.length, data.maxLength());
        TInt32 tokens =
            TInt32.tensorOf(shape, DataBuffers.of(data.batchTokens(indices), true, false));
        TInt32 tags = TInt32.tensorOf(shape, DataBuffers.of(data.batchTags(indices), true, false));
        TFloat32 mask =
            TFloat32.tensorOf(shape, DataBuffers.of(data.batchMask(indices), true, false));
        return new Feed(tokens, tags, mask, indices.length);
      }
    };
  }
}
