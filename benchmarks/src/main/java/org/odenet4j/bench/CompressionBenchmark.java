package org.odenet4j.bench;

import java.util.concurrent.TimeUnit;
import org.odenet4j.models.ImageModelSpec;
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
import org.tensorflow.types.TFloat32;

/**
 * Issue 6/8, compression pay-off at inference: the {@code OdeImageClassifier} inference head
 * (28×28×1, width 16, Euler, piecewise_constant:K, N steps) with ε = 16 fixed (the trained model's
 * rate scaling; at N = 8 each step is h + 2·R(h)), for {@code kn} = K×N in 16×16 (the source), 16×8
 * (half the steps) and 8×16 (half the coefficients, same steps). Expect latency to follow N, not K:
 * K changes the bytes (see {@link SavedModelFootprint}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class CompressionBenchmark {
  /** K×N. */
  @Param({"16x16", "16x8", "8x16"})
  public String kn;

  @Param({"128", "1"})
  public int batch;

  /** ε of every block (fixed by training). */
  @Param({"16"})
  public double epsilon;

  private OdeModel ode;
  private TFloat32 input;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = kn.split("x");
    ImageModelSpec spec =
        OdeModel.spec(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), epsilon);
    ode = OdeModel.inference(spec, 1);
    input = BenchInputs.images(spec, batch, 2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    input.close();
    ode.close();
  }

  @Benchmark
  public float odeNet() {
    return BenchInputs.infer(ode.session, ode.images, ode.logits, input);
  }
}
