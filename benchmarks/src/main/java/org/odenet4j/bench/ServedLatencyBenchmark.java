package org.odenet4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.types.TFloat32;

/**
 * Issue 6/8, latency as served: one {@code serving_default} call of an exported SavedModel loaded
 * with {@code SavedModelBundle} (the setup exports the variant into a temporary directory with the
 * project's exporter, see {@link BenchExports}). {@code ode-*} slice their [K, …] coefficients at
 * run time; {@code handbuilt-*} hold one weight set per step, i.e. the "baked" θ(tᵢ) form, so ode
 * vs handbuilt at the same K, N is the run-time price of slicing against the bytes of baking
 * (bytes: {@link SavedModelFootprint}). ε = 16.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class ServedLatencyBenchmark {
  @Param({"ode-K16-N16", "handbuilt-K16-N16", "ode-K8-N16", "handbuilt-K8-N16"})
  public String model;

  @Param({"1"})
  public int batch;

  private Path tmp;
  private SavedModelBundle bundle;
  private SessionFunction function;
  private TFloat32 input;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    tmp = Files.createTempDirectory("odenet-served-");
    Path dir = BenchExports.export(model, 16, 1, tmp.resolve(model));
    bundle = SavedModelBundle.load(dir.toString(), Exporter.TAG);
    function = bundle.function(Exporter.SIGNATURE_KEY);
    String[] p = model.split("-");
    ImageModelSpec spec =
        OdeModel.spec(Integer.parseInt(p[1].substring(1)), Integer.parseInt(p[2].substring(1)), 16);
    input = BenchInputs.images(spec, batch, 2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    input.close();
    bundle.close();
    BenchExports.deleteTree(tmp);
  }

  @Benchmark
  public float call() {
    try (Result r = function.call(Map.of("images", input))) {
      return ((TFloat32) r.get(ModelExport.LOGITS).orElseThrow()).getFloat(0, 0);
    }
  }
}
