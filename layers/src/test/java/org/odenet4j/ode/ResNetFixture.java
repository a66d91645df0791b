package org.odenet4j.ode;

import static org.odenet4j.layers.TfTesting.constant;
import static org.odenet4j.layers.TfTesting.row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.TfTesting;
import org.odenet4j.units.ConvResidualUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * An {@code OdeBlock(ConvResidualUnit(w), piecewise_constant:N, N Euler steps, ε = N)} with a
 * training head and an inference head in one graph, plus an independent reference: an N-unit
 * pre-activation ResNet hand-built in a separate graph with raw {@code Ops} (fused BN, relu,
 * conv2d), whose unit k uses slice k of the block's coefficient values as constants.
 */
final class ResNetFixture implements AutoCloseable {
  static final String[] PARAMETERS = {
    "bn1/gamma", "bn1/beta", "conv1/kernel", "bn2/gamma", "bn2/beta", "conv2/kernel"
  };
  static final String[] STATISTICS = {
    "bn1/moving_mean", "bn1/moving_variance", "bn2/moving_mean", "bn2/moving_variance"
  };

  final int steps;
  final int width;
  final long[] xShape;
  final Graph graph;
  final Ops tf;
  final ParameterRegistry registry;
  final Placeholder<TFloat32> input;
  final Operand<TFloat32> trainOut;
  final Operand<TFloat32> serveOut;
  final List<Op> trainUpdates;
  final Session session;

  ResNetFixture(int steps, int width, long seed) {
    this.steps = steps;
    this.width = width;
    this.xShape = new long[] {2, 4, 4, width};
    graph = new Graph();
    tf = Ops.create(graph);
    registry = ParameterRegistry.initialized(tf, seed);
    input =
        tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, width)));
    OdeBlock block =
        new OdeBlock(
            ConvResidualUnit.relu(width),
            new OdeBlockSpec(
                "piecewise_constant:" + steps, steps, "euler", steps, CoefficientInit.INDEPENDENT));
    LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
    trainOut = block.apply(train.child("block"), input);
    trainUpdates = List.copyOf(train.updates());
    LayerContext serve = LayerContext.root(registry, Mode.INFER, "serve");
    serveOut = block.apply(serve.child("block"), input);
    session = new Session(graph);
  }

  /** Gives γ, β and the running statistics non-trivial values (variances in [0.5, 2)). */
  void randomizeStateAndAffine(SplittableRandom random) {
    for (ModelVariable v : registry.variablesOf("block")) {
      String local = v.name().substring("block/".length());
      int n = (int) v.size();
      float[] values;
      if (local.endsWith("gamma")) {
        values = TfTesting.uniform(random, n, 0.5, 1.5);
      } else if (local.endsWith("beta") || local.endsWith("moving_mean")) {
        values = TfTesting.uniform(random, n, 0.5);
      } else if (local.endsWith("moving_variance")) {
        values = TfTesting.uniform(random, n, 0.5, 2.0);
      } else {
        continue;
      }
      TfTesting.assign(session, tf, v.variable(), values);
    }
  }

  /** Current values of the block's variables, by block-relative name. */
  Map<String, float[]> values() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ModelVariable v : registry.variablesOf("block")) {
      out.put(v.name().substring("block/".length()), TfTesting.fetch(session, v.name()));
    }
    return out;
  }

  float[] run(Operand<TFloat32> out, float[] x) {
    try (TfTesting.Feeds f = TfTesting.feeds().put(input, xShape, x)) {
      return TfTesting.run(session, f, out);
    }
  }

  /** Runs the training head's state updates (one train step's worth of BN refits). */
  void trainStep(float[] x) {
    try (TfTesting.Feeds f = TfTesting.feeds().put(input, xShape, x)) {
      TfTesting.run(session, f, trainUpdates, List.of());
    }
  }

  /** Output and BN inputs of the hand-built reference ResNet. */
  record Reference(float[] out, List<float[]> bn1Inputs, List<float[]> bn2Inputs) {}

  /**
   * The hand-built N-unit pre-activation ResNet: h ← h + conv2ₖ(relu(BN2ₖ(conv1ₖ(relu(BN1ₖ(h)))))),
   * with batch statistics ({@code training}) or the k-th running statistics.
   */
  Reference reference(Map<String, float[]> v, float[] x, boolean training) {
    int w = width;
    try (Graph g = new Graph()) {
      Ops r = Ops.create(g);
      Placeholder<TFloat32> in =
          r.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, w)));
      Operand<TFloat32> h = r.identity(in);
      List<Operand<TFloat32>> bn1 = new ArrayList<>();
      List<Operand<TFloat32>> bn2 = new ArrayList<>();
      for (int k = 0; k < steps; k++) {
        bn1.add(h);
        Operand<TFloat32> a = bn(r, h, v, "bn1", k, training);
        a = r.nn.relu(a);
        a =
            r.nn.conv2d(
                a,
                constant(r, new long[] {3, 3, w, w}, row(v.get("conv1/kernel"), steps, k)),
                List.of(1L, 1L, 1L, 1L),
                "SAME");
        bn2.add(a);
        a = bn(r, a, v, "bn2", k, training);
        a = r.nn.relu(a);
        a =
            r.nn.conv2d(
                a,
                constant(r, new long[] {3, 3, w, w}, row(v.get("conv2/kernel"), steps, k)),
                List.of(1L, 1L, 1L, 1L),
                "SAME");
        h = r.math.add(h, a);
      }
      List<Operand<?>> fetches = new ArrayList<>();
      fetches.add(h);
      fetches.addAll(bn1);
      fetches.addAll(bn2);
      try (Session s = new Session(g);
          TfTesting.Feeds f = TfTesting.feeds().put(in, xShape, x)) {
        List<float[]> got = TfTesting.run(s, f, List.of(), fetches);
        return new Reference(
            got.get(0), got.subList(1, 1 + steps), got.subList(1 + steps, 1 + 2 * steps));
      }
    }
  }

  private Operand<TFloat32> bn(
      Ops r, Operand<TFloat32> h, Map<String, float[]> v, String name, int k, boolean training) {
    long[] c = {width};
    Operand<TFloat32> gamma = constant(r, c, row(v.get(name + "/gamma"), steps, k));
    Operand<TFloat32> beta = constant(r, c, row(v.get(name + "/beta"), steps, k));
    if (training) {
      return r.nn
          .fusedBatchNorm(
              h,
              gamma,
              beta,
              r.constant(new float[0]),
              r.constant(new float[0]),
              FusedBatchNorm.epsilon(1e-5f),
              FusedBatchNorm.isTraining(true),
              FusedBatchNorm.dataFormat("NHWC"))
          .y();
    }
    return r.nn
        .fusedBatchNorm(
            h,
            gamma,
            beta,
            constant(r, c, row(v.get(name + "/moving_mean"), steps, k)),
            constant(r, c, row(v.get(name + "/moving_variance"), steps, k)),
            FusedBatchNorm.epsilon(1e-5f),
            FusedBatchNorm.isTraining(false),
            FusedBatchNorm.dataFormat("NHWC"))
        .y();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
