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
 * Issue 6/8, graph overhead of the basis expansion at inference: one {@code session.run} of the
 * {@code OdeImageClassifier} inference head (28×28×1, width 16, piecewise_constant:N, N Euler
 * steps, ε = N) against the {@link HandBuiltResNet} with identical weights (checked in setup:
 * max|Δlogits| ≤ 1e-4). Both in the same JVM, default session config, input tensor fed, logits
 * fetched. Target: ratio odeNet/handBuilt ≤ 1.03 at batch 128 and ≤ 1.10 at batch 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class BasisOverheadBenchmark {
  @Param({"128", "1"})
  public int batch;

  /** K = N, the units per stage. */
  @Param({"16"})
  public int n;

  private OdeModel ode;
  private HandBuiltModel hand;
  private TFloat32 input;

  @Setup(Level.Trial)
  public void setUp() {
    ImageModelSpec spec = OdeModel.spec(n, n, n);
    ode = OdeModel.inference(spec, 1);
    hand = HandBuiltModel.inferenceLike(ode);
    input = BenchInputs.images(spec, batch, 2);
    BenchInputs.requireSame(
        BenchInputs.inferAll(ode.session, ode.images, ode.logits, input),
        BenchInputs.inferAll(hand.session, hand.images, hand.logits, input),
        1e-4,
        "hand-built vs ODE logits");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    input.close();
    hand.close();
    ode.close();
  }

  @Benchmark
  public float odeNet() {
    return BenchInputs.infer(ode.session, ode.images, ode.logits, input);
  }

  @Benchmark
  public float handBuilt() {
    return BenchInputs.infer(hand.session, hand.images, hand.logits, input);
  }
}
