package org.odenet4j.savedmodel;

import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.TaggingDataset;

/** Labelled examples for {@link ModelEvaluator}: images, or sentences encoded with the model's vocabulary. */
public sealed interface EvaluationData {

  /** Number of examples. */
  int size();

  /** Where the examples came from. */
  String source();

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
  }

  /** Sentences; token ids must come from the model's own vocabulary ({@code assets.extra/vocabulary.txt}). */
  record Sentences(TaggingDataset data) implements EvaluationData {
    @Override
    public int size() {
      return data.size();
    }

    @Override
    public String source() {
      return data.source();
    }
  }
}
