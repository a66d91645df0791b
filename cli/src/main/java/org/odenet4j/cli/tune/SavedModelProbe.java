package org.odenet4j.cli.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.odenet4j.models.Models;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@link TuneProbe}'s {@code saved-model} measurement: an exported version timed the way a server
 * runs it, through its loaded signature. Float inputs get seeded values in [0, 1), int32 inputs
 * (token ids) seeded ids in [1, 3]; -1 dimensions become the batch (first) or 8 (others).
 */
final class SavedModelProbe {
  private SavedModelProbe() {}

  static double median(Path dir, int batch, int warmup, int calls) {
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
      SessionFunction f = numericSignature(bundle, dir);
      List<Tensor> inputs = new ArrayList<>();
      try {
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (var e : f.signature().getInputs().entrySet()) {
          Tensor t = tensor(e.getValue(), batch, dir, e.getKey());
          inputs.add(t);
          feed.put(e.getKey(), t);
        }
        double[] t = new double[calls];
        for (int i = -warmup; i < calls; i++) {
          long t0 = System.nanoTime();
          try (Result r = f.call(feed)) {
            // outputs are closed with the result
          }
          if (i >= 0) {
            t[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        return TuneProbe.median(t);
      } finally {
        inputs.forEach(Tensor::close);
      }
    }
  }

  private static SessionFunction numericSignature(SavedModelBundle bundle, Path dir) {
    SessionFunction f = bundle.function(Signature.DEFAULT_KEY);
    boolean numeric =
        f.signature().getInputs().values().stream()
            .allMatch(d -> d.dataType == DataType.DT_FLOAT || d.dataType == DataType.DT_INT32);
    if (numeric) {
      return f;
    }
    try {
      return bundle.function(Models.TOKENS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          dir
              + ": signature "
              + Signature.DEFAULT_KEY
              + ": expected float32 or int32 inputs (or a tokens signature), found "
              + f.signature().getInputs().values().stream().map(d -> d.dataType).toList(),
          e);
    }
  }

  private static Tensor tensor(Signature.TensorDescription d, int batch, Path dir, String name) {
    long[] dims = d.shape.asArray();
    if (dims == null) {
      throw new IllegalArgumentException(
          dir + ": input " + name + ": expected a known rank, found an unknown shape");
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        dims[i] = i == 0 ? batch : 8;
      }
    }
    Shape shape = Shape.of(dims);
    SplittableRandom random = new SplittableRandom(2);
    int n = Math.toIntExact(shape.size());
    if (d.dataType == DataType.DT_FLOAT) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) random.nextDouble();
      }
      return TFloat32.tensorOf(shape, DataBuffers.of(v, true, false));
    }
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = 1 + random.nextInt(3);
    }
    return TInt32.tensorOf(shape, DataBuffers.of(v, true, false));
  }
}
