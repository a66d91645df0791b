package org.odenet4j.bench;

import java.util.Map;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.train.ClassificationLoss;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A {@link HandBuiltResNet} in its own graph and session with given values: an inference head
 * ({@code serve/logits}), or a training head with its optimiser step (the same SGD as {@link
 * OdeModel#SGD}).
 */
public final class HandBuiltModel implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  public final HandBuiltResNet net;
  public final Placeholder<TFloat32> images;
  public final Operand<TFloat32> logits;

  /** Training only, else null. */
  public final Placeholder<TInt32> labels;

  public final HandBuiltResNet.Training training;
  public final Session session;

  private HandBuiltModel(ImageModelSpec spec, Map<String, float[]> values, boolean train) {
    this(spec, values, train, false);
  }

  private HandBuiltModel(
      ImageModelSpec spec, Map<String, float[]> values, boolean train, boolean gateGradients) {
    net = HandBuiltResNet.create(tf, spec);
    var in = spec.input();
    images =
        tf.withName("images")
            .placeholder(
                TFloat32.class, Placeholder.shape(Shape.of(-1, in.get(0), in.get(1), in.get(2))));
    if (train) {
      labels = ClassificationLoss.labels(tf);
      training = net.trainStep(graph, "train", images, labels, OdeModel.SGD, gateGradients);
      logits = training.logits();
    } else {
      labels = null;
      training = null;
      logits = net.infer("serve", images).logits();
    }
    session = new Session(graph);
    net.load(session, values);
  }

  /** An inference model with {@code values} by hand-built variable name. */
  public static HandBuiltModel inference(ImageModelSpec spec, Map<String, float[]> values) {
    return new HandBuiltModel(spec, values, false);
  }

  /** A training model with {@code values} by hand-built variable name. */
  public static HandBuiltModel training(ImageModelSpec spec, Map<String, float[]> values) {
    return new HandBuiltModel(spec, values, true);
  }

  /**
   * A training model whose updates wait for all gradients (see {@link HandBuiltResNet#trainStep}).
   */
  public static HandBuiltModel gatedTraining(ImageModelSpec spec, Map<String, float[]> values) {
    return new HandBuiltModel(spec, values, true, true);
  }

  /** The same weights as a live ODE model (unit n of stage s from coefficient slice k(n)). */
  public static HandBuiltModel inferenceLike(OdeModel ode) {
    return inference(ode.spec, HandBuiltResNet.valuesFromOde(ode.spec, ode.values()));
  }

  /** A training model with the same weights as a live ODE model. */
  public static HandBuiltModel trainingLike(OdeModel ode) {
    return training(ode.spec, HandBuiltResNet.valuesFromOde(ode.spec, ode.values()));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
