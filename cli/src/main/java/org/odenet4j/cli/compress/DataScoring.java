package org.odenet4j.cli.compress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.odenet4j.cli.eval.EvalDataOptions;
import org.odenet4j.compression.ModelScorer;
import org.odenet4j.compression.SourceModel;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The data side of {@code odenet compress} and {@code odenet sweep}: the test split from the {@code
 * odenet eval} flags, a {@link ModelScorer} that runs {@link ModelEvaluator} on it, and unlabelled
 * image batches for BatchNorm recalibration.
 */
public final class DataScoring {
  private DataScoring() {}

  /**
   * The test split for the source model, checked against its input shape and classes ({@link
   * EvalDataOptions#load}).
   */
  static EvaluationData load(EvalDataOptions options, SourceModel source) {
    return options.load(source.directory(), source.manifest());
  }

  /** Accuracy and latency of a version directory on {@code data}, in batches of {@code batch}. */
  public static ModelScorer scorer(EvaluationData data, int batch) {
    return dir -> {
      try (ModelEvaluator e = ModelEvaluator.load(dir)) {
        Evaluation ev = e.evaluate(data, batch);
        return new ModelScorer.Score(
            ev.counted(), ev.accuracy(), ev.latencyMsP50(), ev.latencyMsP95());
      }
    };
  }

  /**
   * {@code count} unlabelled batches of {@code batch} images, drawn (seeded) from the training
   * split of the named data set, or from the test images when only explicit test files were given.
   * Returns the tensors and where they came from.
   */
  record Batches(List<TFloat32> tensors, String source, boolean heldOut) implements AutoCloseable {
    @Override
    public void close() {
      tensors.forEach(TFloat32::close);
    }
  }

  static Batches calibration(
      EvalDataOptions options, EvaluationData test, ModelSpec spec, int count, int batch) {
    if (!(spec instanceof ImageModelSpec image)) {
      throw new IllegalArgumentException(
          "--recalibrate-bn: expected an image model (the tagger has LayerNorm only, no BatchNorm statistics), found "
              + (spec == null ? "a custom graph" : "a tagger"));
    }
    ImageDataset d;
    boolean heldOut;
    if (options.hasTestImages()) {
      d = ((EvaluationData.Images) test).data(); // no training split: the test inputs, unlabelled
      heldOut = false;
    } else {
      try {
        d = ImageData.load(options.imageSource(null, null, image.classes())).train();
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      heldOut = true;
    }
    // no shape check here: ImageData guarantees the training split has the test split's shape,
    // checked by load
    SplittableRandom random = new SplittableRandom(0);
    List<TFloat32> tensors = new ArrayList<>();
    int n = Math.min(batch, d.size());
    try {
      for (int b = 0; b < count; b++) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = random.nextInt(d.size());
        }
        tensors.add(
            TFloat32.tensorOf(Shape.of(d.shape(n)), DataBuffers.of(d.batch(idx), true, false)));
      }
    } catch (RuntimeException | Error e) {
      tensors.forEach(TFloat32::close); // the batches made so far
      throw e;
    }
    return new Batches(tensors, d.source(), heldOut);
  }
}
