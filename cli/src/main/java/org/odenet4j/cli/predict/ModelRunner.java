package org.odenet4j.cli.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.cli.predict.SignatureSpec.TensorSpec;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * A loaded SavedModel (tag {@code serve}) whose signatures are run through its session: every input
 * fed by its signature's tensor name, every output fetched by its tensor name, so any signature key
 * works. Big batches run in chunks whose outputs are concatenated. Every tensor fed or fetched is
 * closed before {@link #run} returns.
 */
final class ModelRunner implements AutoCloseable {
  private final Path dir;
  private final SavedModelBundle bundle;

  private ModelRunner(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
  }

  /** Loads {@code dir} with tag {@code serve}. */
  static ModelRunner load(Path dir) {
    return new ModelRunner(dir, SavedModelBundle.load(dir.toString(), "serve"));
  }

  /**
   * Runs {@code signature} on {@code inputs} (name → array), in chunks of at most {@code batch}
   * rows when every input has the same number of rows along a batch dimension the signature leaves
   * open (-1); else in one run.
   *
   * @param source names the inputs in errors (the request file, the images)
   * @return every output of the signature, by name (sorted)
   * @throws Refused when the graph refuses the input (TensorFlow's INVALID_ARGUMENT, as TensorFlow
   *     Serving answers 400)
   * @throws IllegalArgumentException when a chunked output has no batch dimension
   */
  Map<String, HostArray> run(
      SignatureSpec signature, Map<String, HostArray> inputs, int batch, String source) {
    long rows = chunkableRows(signature, inputs);
    if (rows <= batch) {
      return runOnce(signature, inputs, source);
    }
    Map<String, List<HostArray>> parts = new LinkedHashMap<>();
    for (int from = 0; from < rows; from += batch) {
      int to = (int) Math.min(rows, (long) from + batch);
      Map<String, HostArray> chunk = new LinkedHashMap<>();
      for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
        chunk.put(e.getKey(), e.getValue().rows(from, to));
      }
      for (Map.Entry<String, HostArray> e : runOnce(signature, chunk, source).entrySet()) {
        HostArray out = e.getValue();
        if (out.shape().length == 0 || out.shape()[0] != to - from) {
          throw new IllegalArgumentException(
              "--batch "
                  + batch
                  + ": expected every output of signature "
                  + signature.key()
                  + " to have one row per example, found output "
                  + e.getKey()
                  + " of shape "
                  + out.dims()
                  + " for "
                  + (to - from)
                  + " examples; run with --batch "
                  + rows
                  + " or more");
        }
        parts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(out);
      }
    }
    Map<String, HostArray> out = new LinkedHashMap<>();
    parts.forEach((k, v) -> out.put(k, HostArray.concat(v)));
    return out;
  }

  /**
   * The common first dimension of the inputs when the signature leaves it open for every input, so
   * the batch can be split; else -1.
   */
  private static long chunkableRows(SignatureSpec signature, Map<String, HostArray> inputs) {
    long rows = -1;
    for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
      TensorSpec spec = signature.inputs().get(e.getKey());
      long[] shape = e.getValue().shape();
      boolean open = spec.dims() == null || (!spec.dims().isEmpty() && spec.dims().get(0) < 0);
      if (!open || shape.length == 0 || (rows >= 0 && rows != shape[0])) {
        return -1;
      }
      rows = shape[0];
    }
    return rows;
  }

  private Map<String, HostArray> runOnce(
      SignatureSpec signature, Map<String, HostArray> inputs, String source) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = bundle.session().runner();
      for (Map.Entry<String, HostArray> e : inputs.entrySet()) {
        Tensor t = e.getValue().toTensor();
        fed.add(t);
        runner.feed(signature.inputs().get(e.getKey()).tensor(), t);
      }
      List<String> names = new ArrayList<>(signature.outputs().keySet());
      for (String name : names) {
        runner.fetch(signature.outputs().get(name).tensor());
      }
      Map<String, HostArray> out = new LinkedHashMap<>();
      try (Result result = runner.run()) {
        for (int i = 0; i < names.size(); i++) {
          out.put(names.get(i), HostArray.of(result.get(i), "output " + names.get(i)));
        }
      }
      return out;
    } catch (TFInvalidArgumentException e) {
      throw new Refused(
          source
              + ": expected inputs that signature "
              + signature.key()
              + " of "
              + dir
              + " accepts, found that the graph refused them: "
              + firstLine(e.getMessage()),
          firstLine(e.getMessage()),
          e);
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** The graph refused an input: TensorFlow's INVALID_ARGUMENT, a bad-input error (exit 2). */
  static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    Refused(String message, String reason, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    /** TensorFlow's message, first line. */
    String reason() {
      return reason;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip();
  }

  @Override
  public void close() {
    bundle.close();
  }
}
