package org.odenet4j.bench;

import java.util.concurrent.TimeUnit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * Time to build the graph of the reference CIFAR-shape model (32×32×3, width 16,
 * piecewise_constant:K, K = N Euler steps): the inference head alone (with uninitialised variables,
 * as export and compression build it), and a training head plus an inference head sharing seeded
 * variables (as training builds it; includes generating 1.63 M initial values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GraphBuildBenchmark {
  @Param({"16"})
  public int k;

  @Benchmark
  public int inferenceHead() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ImageModelSpec spec = ImageModelSpec.cifar("piecewise_constant:" + k, k);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      return registry.all().size();
    }
  }

  @Benchmark
  public int trainingAndInferenceHeads() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ImageModelSpec spec = ImageModelSpec.cifar("piecewise_constant:" + k, k);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      var x = Models.input(tf, spec);
      Models.build(LayerContext.root(registry, Mode.TRAIN, "train"), spec, x);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, x);
      return registry.all().size();
    }
  }
}
