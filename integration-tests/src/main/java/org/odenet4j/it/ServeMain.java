package org.odenet4j.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;

/**
 * Fresh-JVM server stand-in: {@code ServeMain BUNDLE INPUTS OUTPUTS [BUNDLE INPUTS OUTPUTS …]}
 * loads each SavedModel with {@code SavedModelBundle.load(dir, "serve")}, calls {@code
 * serving_default} on the tensors of INPUTS and writes every output (by name) to OUTPUTS.
 */
public final class ServeMain {
  private ServeMain() {}

  public static void main(String[] args) throws Exception {
    for (int i = 0; i + 2 < args.length; i += 3) {
      Map<String, Tensor> inputs = TensorFiles.read(Path.of(args[i + 1]));
      try (SavedModelBundle b = SavedModelBundle.load(args[i], "serve")) {
        SessionFunction f = b.function("serving_default");
        try (Result r = f.call(inputs)) {
          Map<String, Tensor> outs = new TreeMap<>();
          for (String name : f.signature().outputNames()) {
            outs.put(name, r.get(name).orElseThrow());
          }
          TensorFiles.write(Path.of(args[i + 2]), new LinkedHashMap<>(outs));
        }
      } finally {
        inputs.values().forEach(Tensor::close);
      }
    }
  }
}
