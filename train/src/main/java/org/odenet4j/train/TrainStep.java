package org.odenet4j.train;

import java.util.ArrayList;
import java.util.List;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * The ops of one optimisation step: gradients of the loss with respect to the registry's
 * <em>trainable parameters only</em> ({@code Graph.addGradients}; the framework optimizers' {@code
 * minimize()} fails as soon as a variable such as a running statistic is off the loss path), the
 * optimizer's updates, and the head's state updates (continuous-BN refits, EMAs) grouped into one
 * target. Feed {@link #learningRate()} and {@link #step()} at every run.
 *
 * @param target the op to run for one step ({@code train_step})
 * @param learningRate scalar float placeholder
 * @param step scalar float placeholder: the 1-based step count (Adam's bias correction)
 * @param slots the optimizer's slot variables, named {@code optimizer/<rule>/<variable>}
 */
public record TrainStep(
    Op target,
    Placeholder<TFloat32> learningRate,
    Placeholder<TFloat32> step,
    List<Variable<TFloat32>> slots) {

  /** Builds the step into the registry's graph. */
  public static TrainStep build(
      Graph graph,
      ParameterRegistry registry,
      Operand<TFloat32> loss,
      OptimizerSpec optimizer,
      List<Op> stateUpdates) {
    List<ModelVariable> params = registry.parameters();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("train step: expected trainable parameters, found none");
    }
    Output<?>[] xs = new Output<?>[params.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = params.get(i).variable().asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
    // Every update waits for every gradient. Layers read a variable through an Identity of its
    // reference, which aliases the variable's buffer; without this barrier an update may overwrite
    // a weight while the backward pass of another layer still reads it (a race that made equal
    // seeds give different loss curves and perturbed the gradients).
    Ops plain = registry.ops();
    List<Op> allGrads = new ArrayList<>();
    for (Output<?> g : grads) {
      if (g != null) {
        allGrads.add(plain.identity(g));
      }
    }
    Op gradientsDone = plain.withControlDependencies(allGrads).withName("gradients_done").noOp();
    Placeholder<TFloat32> lr =
        plain
            .withName("learning_rate")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> step =
        plain
            .withName("optimizer_step")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Ops tf = plain.withControlDependencies(List.of(gradientsDone));
    List<Op> updates = new ArrayList<>();
    List<Variable<TFloat32>> slots = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      ModelVariable p = params.get(i);
      Variable<TFloat32> v = p.variable();
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Output<TFloat32>) grads[i];
      if (g == null) {
        throw new IllegalStateException(
            "train step: parameter " + p.name() + " is not on the loss path");
      }
      if (optimizer instanceof OptimizerSpec.SgdMomentum sgd) {
        if (sgd.weightDecay() > 0) {
          g = tf.math.add(g, tf.math.mul(v, tf.constant((float) sgd.weightDecay())));
        }
        Variable<TFloat32> accumulator = registry.slot("optimizer/momentum/" + p.name(), p.shape());
        slots.add(accumulator);
        updates.add(
            tf.train.applyMomentum(
                v,
                accumulator,
                lr,
                g,
                tf.constant((float) sgd.momentum()),
                ApplyMomentum.useNesterov(sgd.nesterov())));
      } else {
        OptimizerSpec.AdamW adam = (OptimizerSpec.AdamW) optimizer;
        Variable<TFloat32> m = registry.slot("optimizer/adam_m/" + p.name(), p.shape());
        Variable<TFloat32> s = registry.slot("optimizer/adam_v/" + p.name(), p.shape());
        slots.add(m);
        slots.add(s);
        Operand<TFloat32> b1 = tf.constant((float) adam.beta1());
        Operand<TFloat32> b2 = tf.constant((float) adam.beta2());
        Op decay =
            tf.assignSub(
                v, tf.math.mul(tf.math.mul(lr, tf.constant((float) adam.weightDecay())), v));
        Ops after = tf.withControlDependencies(List.of(decay));
        updates.add(
            after.train.applyAdam(
                v,
                m,
                s,
                after.math.pow(b1, step),
                after.math.pow(b2, step),
                lr,
                b1,
                b2,
                after.constant((float) adam.epsilon()),
                g));
      }
    }
    updates.addAll(stateUpdates);
    Op target = plain.withControlDependencies(updates).withName("train_step").noOp();
    return new TrainStep(target, lr, step, List.copyOf(slots));
  }
}
