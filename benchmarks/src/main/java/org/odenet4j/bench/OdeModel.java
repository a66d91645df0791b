package org.odenet4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.train.ClassificationLoss;
import org.odenet4j.train.OptimizerSpec;
import org.odenet4j.train.TrainStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An {@link org.odenet4j.models.OdeImageClassifier} in its own graph and session, built with the
 * project's own layers over a seeded {@link ParameterRegistry}: an inference head, or a training
 * head with {@link TrainStep}'s optimiser step (as {@code odenet train} builds it).
 */
public final class OdeModel implements AutoCloseable {
  /** The SGD: Nesterov momentum 0.9, coupled weight decay 5e-4. */
  public static final OptimizerSpec.SgdMomentum SGD =
      new OptimizerSpec.SgdMomentum(0.9, true, 5e-4);

  public final ImageModelSpec spec;
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  public final ParameterRegistry registry;
  public final Placeholder<TFloat32> images;

  /**
   * The inference head's logits ({@code serve/logits}), or the training head's for {@link
   * #training}.
   */
  public final Operand<TFloat32> logits;

  /** Training only: labels, loss and the optimiser step; null for inference models. */
  public final Placeholder<TInt32> labels;

  public final ClassificationLoss loss;
  public final TrainStep step;
  public final Session session;

  @SuppressWarnings("unchecked")
  private OdeModel(ImageModelSpec spec, long seed, boolean training) {
    this.spec = spec;
    registry = ParameterRegistry.initialized(tf, seed).withoutLoggedWarnings();
    images = (Placeholder<TFloat32>) Models.input(tf, spec);
    if (training) {
      labels = ClassificationLoss.labels(tf);
      LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train");
      ClassifierOutputs out = Models.build(train, spec, images);
      logits = out.logits();
      loss = ClassificationLoss.of(train.tf(), logits, labels, null);
      step = TrainStep.build(graph, registry, loss.mean(), SGD, train.updates());
    } else {
      labels = null;
      loss = null;
      step = null;
      logits =
          Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, images).logits();
    }
    session = new Session(graph);
  }

  /** The inference head of {@code spec}, variables from {@code seed}. */
  public static OdeModel inference(ImageModelSpec spec, long seed) {
    return new OdeModel(spec, seed, false);
  }

  /** The training head and step of {@code spec}, variables from {@code seed}. */
  public static OdeModel training(ImageModelSpec spec, long seed) {
    return new OdeModel(spec, seed, true);
  }

  /**
   * The benchmark shape of issue 6/8: 28×28×1 images, width 16, 10 classes, relu, three blocks
   * Euler piecewise_constant:K with N steps and rate scaling ε ({@code ε = N} makes each step a
   * plain residual update h + R(h)).
   */
  public static ImageModelSpec spec(int k, int n, double epsilon, CoefficientInit init) {
    return ImageModelSpec.of(
        28, 28, 1, 16, 10, new OdeBlockSpec("piecewise_constant:" + k, n, "euler", epsilon, init));
  }

  /** {@link #spec(int, int, double, CoefficientInit)} with identical initial coefficients. */
  public static ImageModelSpec spec(int k, int n, double epsilon) {
    return spec(k, n, epsilon, CoefficientInit.IDENTICAL);
  }

  /**
   * Gives every γ, β and running statistic non-trivial values that differ between basis
   * coefficients (γ in [0.5, 1.5), β and means in [−0.5, 0.5), variances in [0.5, 2)), so a
   * comparison notices a unit reading the wrong coefficient.
   */
  public void randomizeAffineAndState(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Ops set = tf.withSubScope("randomize");
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      for (ModelVariable v : registry.all()) {
        String n = v.name();
        if (v.kind() == VariableKind.OPTIMIZER) {
          continue;
        }
        double lo;
        double hi;
        if (n.endsWith("/gamma")) {
          lo = 0.5;
          hi = 1.5;
        } else if (n.endsWith("/beta") || n.endsWith("/moving_mean")) {
          lo = -0.5;
          hi = 0.5;
        } else if (n.endsWith("/moving_variance")) {
          lo = 0.5;
          hi = 2.0;
        } else {
          continue;
        }
        float[] values = new float[(int) v.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(values, true, false));
        tensors.add(t);
        Placeholder<TFloat32> p =
            set.placeholder(TFloat32.class, Placeholder.shape(Shape.of(v.shape())));
        runner.feed(p, t).addTarget(set.assign(v.variable(), p));
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /** Every model variable's current value, by registry name. */
  public Map<String, float[]> values() {
    return HandBuiltResNet.fetchOdeValues(session, registry);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
