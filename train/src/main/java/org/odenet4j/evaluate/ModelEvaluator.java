package org.odenet4j.evaluate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.odenet4j.models.Models;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SavedModels;
import org.odenet4j.train.Feed;
import org.odenet4j.train.TrainingData;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs a SavedModel's {@code serving_default} signature over labelled data, as TensorFlow Serving
 * would: accuracy (per image, or per real token for taggers: padding excluded), mean cross-entropy
 * and per-batch latency percentiles. Batches go in order, so the same model and data always give
 * the same counts: {@code odenet train}'s final test accuracy is this evaluation of the exported
 * version, and {@code odenet eval} in another process repeats it.
 */
public final class ModelEvaluator implements AutoCloseable {
  private final Path dir;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;

  private ModelEvaluator(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
    String key = signatureKey(bundle);
    this.function = bundle.function(key);
    if (function.signature().inputNames().size() != 1) {
      bundle.close();
      throw new IllegalArgumentException(
          dir
              + ": signature "
              + key
              + ": expected one input, found "
              + function.signature().inputNames());
    }
    if (!function.signature().outputNames().contains(ModelExport.LOGITS)) {
      bundle.close();
      throw new IllegalArgumentException(
          dir
              + ": signature "
              + key
              + ": expected an output '"
              + ModelExport.LOGITS
              + "', found "
              + function.signature().outputNames());
    }
    this.inputName = function.signature().inputNames().iterator().next();
  }

  /**
   * The signature that takes what the evaluation data holds (pixels, token ids): a tagger that
   * takes words in {@code serving_default} serves ids under {@value Models#TOKENS}.
   */
  private static String signatureKey(SavedModelBundle bundle) {
    var signatures = bundle.metaGraphDef().getSignatureDefMap();
    var servingDefault = signatures.get(Exporter.SIGNATURE_KEY);
    boolean takesWords =
        servingDefault != null && servingDefault.getInputsMap().containsKey(Models.WORDS);
    return takesWords && signatures.containsKey(Models.TOKENS)
        ? Models.TOKENS
        : Exporter.SIGNATURE_KEY;
  }

  /**
   * Validates ({@link SavedModels#validate}, manifest optional) and loads a version directory (tag
   * {@code serve}).
   */
  public static ModelEvaluator load(Path dir) {
    return load(dir, false);
  }

  /** Validates, requiring the odenet4j manifest when asked, and loads a version directory. */
  public static ModelEvaluator load(Path dir, boolean requireManifest) {
    SavedModels.validate(dir, requireManifest);
    return loadValidated(dir);
  }

  /**
   * Loads a version directory the caller has just checked with {@link SavedModels#validate}
   * (validation reads and hashes every value, so it is not repeated), e.g. to load evaluation data
   * between the check and the load.
   */
  public static ModelEvaluator loadValidated(Path dir) {
    return new ModelEvaluator(dir, SavedModelBundle.load(dir.toString(), Exporter.TAG));
  }

  public Path directory() {
    return dir;
  }

  /** The loaded bundle (for callers that time or inspect it further). */
  public SavedModelBundle bundle() {
    return bundle;
  }

  /** Evaluates in batches of {@code batchSize}, in order. */
  public Evaluation evaluate(EvaluationData data, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch: expected >= 1, found " + batchSize);
    }
    if (data.size() < 1) {
      throw new IllegalArgumentException(
          data.source() + ": expected at least one example, found none");
    }
    int batches = (data.size() + batchSize - 1) / batchSize;
    TrainingData examples = data.examples();
    double[] millis = new double[batches];
    long counted = 0;
    long correct = 0;
    double loss = 0;
    for (int b = 0; b < batches; b++) {
      int from = b * batchSize;
      int n = Math.min(batchSize, data.size() - from);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = from + i;
      }
      int[] labels;
      float[] mask = null;
      float[] logits;
      try (Feed feed = examples.batch(idx, null)) {
        labels = new int[(int) feed.labels().shape().size()];
        feed.labels().copyTo(DataBuffers.of(labels, false, false));
        if (feed.mask() != null) {
          mask = new float[(int) feed.mask().shape().size()];
          feed.mask().copyTo(DataBuffers.of(mask, false, false));
        }
        Map<String, Tensor> in = Map.of(inputName, feed.input());
        if (b == 0) {
          function.call(in).close(); // warm-up, not timed
        }
        long t0 = System.nanoTime();
        try (Result r = function.call(in)) {
          TFloat32 out = (TFloat32) r.get(ModelExport.LOGITS).orElseThrow();
          logits = new float[(int) out.shape().size()];
          out.copyTo(DataBuffers.of(logits, false, false));
        }
        millis[b] = (System.nanoTime() - t0) / 1e6;
      }
      int classes = logits.length / labels.length;
      if (classes * labels.length != logits.length) {
        throw new IllegalArgumentException(
            dir
                + ": logits: expected "
                + labels.length
                + " rows, found "
                + logits.length
                + " values");
      }
      for (int i = 0; i < labels.length; i++) {
        if (mask != null && mask[i] == 0f) {
          continue;
        }
        int off = i * classes;
        int arg = 0;
        double max = logits[off];
        for (int c = 1; c < classes; c++) {
          if (logits[off + c] > max) {
            max = logits[off + c];
            arg = c;
          }
        }
        double z = 0;
        for (int c = 0; c < classes; c++) {
          z += Math.exp(logits[off + c] - max);
        }
        int y = labels[i];
        if (y < 0 || y >= classes) {
          throw new IllegalArgumentException(
              data.source() + ": label: expected a class in [0, " + classes + "), found " + y);
        }
        loss += max + Math.log(z) - logits[off + y];
        counted++;
        if (arg == y) {
          correct++;
        }
      }
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Evaluation(
        data.size(),
        counted,
        correct,
        counted == 0 ? Double.NaN : (double) correct / counted,
        counted == 0 ? Double.NaN : loss / counted,
        percentile(sorted, 50),
        percentile(sorted, 95),
        batchSize);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Override
  public void close() {
    bundle.close();
  }
}
