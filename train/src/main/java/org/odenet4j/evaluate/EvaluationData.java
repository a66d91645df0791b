package org.odenet4j.evaluate;

import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TaggingDataset;
import org.odenet4j.train.TrainingData;

/**
 * Labelled examples for {@link ModelEvaluator}: images, or sentences encoded with the model's
 * vocabulary.
 */
public sealed interface EvaluationData {

  /** Number of examples. */
  int size();

  /** Where the examples came from. */
  String source();

  /** The examples as batches of tensors (the trainer's own batching, no augmentation). */
  TrainingData examples();

  /** Images fed as float [0, 1] pixels, the same scaling as training. */
  record Images(ImageDataset data) implements EvaluationData {
    @Override
    public int size() {
      return data.size();
    }

    @Override
    public String source() {
      return data.source();
    }

    @Override
    public TrainingData examples() {
      return TrainingData.images(data, null);
    }
  }

  /**
   * Sentences; token ids must come from the model's own vocabulary ({@code
   * assets.extra/vocabulary.txt}).
   */
  record Sentences(TaggingDataset data) implements EvaluationData {
    @Override
    public int size() {
      return data.size();
    }

    @Override
    public String source() {
      return data.source();
    }

    @Override
    public TrainingData examples() {
      return TrainingData.tagging(data);
    }
  }
}
