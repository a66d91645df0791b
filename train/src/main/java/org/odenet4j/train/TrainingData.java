package org.odenet4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.savedmodel.Manifest;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Examples the {@link Trainer} can batch: images (scaled to [0, 1], optionally augmented), encoded
 * sentences, or a user's own data as arrays ({@link #of(float[], long[], int[])}) or batches
 * ({@link #fromBatches}). A user's own data may also implement {@link #batch} directly.
 *
 * <pre>{@code
 * TrainingData data = TrainingData.of(x, new long[] {4}, labels); // x: n·4 floats, labels: n ids
 * }</pre>
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

  /**
   * Where the data came from, for a trained model's manifest: by default the {@link #source()} and
   * a SHA-256 over every example as the trainer is fed it (see {@link DataFingerprint}).
   */
  default Manifest.TrainingData provenance() {
    return new Manifest.TrainingData(source(), java.util.Map.of(), DataFingerprint.sha256(this));
  }

  /** Images scaled to [0, 1], without augmentation. */
  static TrainingData images(ImageDataset data) {
    return images(data, ImageAugmentation.none());
  }

  /**
   * In-memory examples: {@code x} holds {@code labels.length} examples of {@code exampleShape}
   * (e.g. {@code {28, 28, 1}}), row-major, one after the other; {@code labels} their class ids.
   */
  static TrainingData of(float[] x, long[] exampleShape, int[] labels) {
    return new ArrayTrainingData(x, exampleShape, labels, "arrays");
  }

  /** One batch of {@link #fromBatches}: examples back to back in {@code x}, and their labels. */
  record Batch(float[] x, int[] labels) {}

  /**
   * Examples given as batches (e.g. from an iterator over a user's store), read once into memory;
   * every batch holds {@code labels.length} examples of {@code exampleShape}.
   */
  static TrainingData fromBatches(long[] exampleShape, Iterable<Batch> batches) {
    return ArrayTrainingData.concat(exampleShape, batches);
  }

  /**
   * {@code data}, recorded in a manifest as read from {@code files} (their SHA-256 instead of a
   * fingerprint over the examples).
   */
  static TrainingData withFiles(TrainingData data, List<Path> files) {
    return new FileTrainingData(data, List.copyOf(files));
  }

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
