package org.odenet4j.train;

import java.util.Arrays;
import java.util.List;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One built training graph with its session, train step and step counter: the factory's graph with
 * its ODE blocks discretised as given.
 */
final class TrainingSession implements AutoCloseable {
  final Graph tfGraph = new Graph();
  final Session session;
  final ParameterRegistry registry;
  final TrainingGraph graph;
  final TrainStep step;
  private long steps;

  /**
   * With {@code train}: seeded initial values, the train step, optimizer slots at zero. Without: a
   * graph only to be evaluated after {@code VariableSnapshot.restore} — uninitialised variables, no
   * gradients, and its unreached-basis-function warnings kept quiet (the refinement check runs the
   * refined basis at the old step count on purpose).
   */
  TrainingSession(
      TrainingGraphFactory factory, Discretisation blocks, TrainerConfig config, boolean train) {
    Session opened = null;
    try {
      Ops tf = Ops.create(tfGraph);
      registry =
          train
              ? ParameterRegistry.initialized(tf, config.seed())
              : ParameterRegistry.empty(tf).withoutLoggedWarnings();
      OdeBlocks.of(registry).discretise(blocks);
      graph = factory.build(tf, registry);
      step =
          train
              ? TrainStep.build(
                  tfGraph, registry, graph.train().mean(), config.optimizer(), graph.stateUpdates())
              : null;
      opened = new Session(tfGraph);
      if (train) {
        opened.initialize();
      }
    } catch (RuntimeException | Error e) {
      // the session first: Graph.close() waits until every session on the graph is closed
      closeAfterFailure(opened, e);
      throw e;
    }
    session = opened;
  }

  private void closeAfterFailure(Session opened, Throwable failure) {
    if (opened != null) {
      try {
        opened.close();
      } catch (RuntimeException | Error suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
    try {
      tfGraph.close();
    } catch (RuntimeException | Error suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /** The next step's 1-based count in this session (optimizer bias correction). */
  long nextStep() {
    return ++steps;
  }

  /** The ODE blocks as built, in build order. */
  List<OdeBlockInfo> blocks() {
    return OdeBlocks.of(registry).all();
  }

  /** The current values of every parameter and state variable. */
  VariableSnapshot capture() {
    return VariableSnapshot.capture(session, registry);
  }

  Session.Runner feed(Session.Runner r, Feed feed) {
    r.feed(graph.input(), feed.input()).feed(graph.labels(), feed.labels());
    if (graph.mask() != null) {
      if (feed.mask() == null) {
        throw new IllegalArgumentException(
            "training data: expected a token mask for the graph's mask input, found none");
      }
      r.feed(graph.mask(), feed.mask());
    }
    return r;
  }

  /** Inference-head loss and accuracy over the given examples. */
  LossAccuracy evaluate(TrainingData data, int[] indices, int batchSize) {
    double loss = 0;
    double correct = 0;
    double counted = 0;
    for (int from = 0; from < indices.length; from += batchSize) {
      int[] idx = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize));
      try (Feed feed = data.batch(idx, null);
          Result res =
              feed(session.runner(), feed)
                  .fetch(graph.infer().sum())
                  .fetch(graph.infer().correct())
                  .fetch(graph.infer().count())
                  .run()) {
        loss += ((TFloat32) res.get(0)).getFloat();
        correct += ((TFloat32) res.get(1)).getFloat();
        counted += ((TFloat32) res.get(2)).getFloat();
      }
    }
    return new LossAccuracy(loss / Math.max(counted, 1), correct / Math.max(counted, 1));
  }

  /** The inference head's logits of the given examples, flattened. */
  float[] logits(TrainingData data, int[] indices) {
    try (Feed feed = data.batch(indices, null);
        Result res = feed(session.runner(), feed).fetch(graph.inferLogits()).run()) {
      TFloat32 t = (TFloat32) res.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    tfGraph.close();
  }
}
