package org.odenet4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a layer sees while it builds: the {@code Ops} to emit with (scoped for readable op names),
 * the {@link Mode}, its variable-name prefix, the {@link ParameterRegistry}, the {@link
 * ParameterSource} that hands out its parameters, and the list collecting the head's state updates
 * (run with the train step).
 *
 * <p>Variable names are the path of {@link #child(String)} names, e.g. {@code
 * stage2/block/conv1/kernel}, independent of the head; the ops of a head live in one sub-scope
 * named after it, e.g. {@code serve/logits}, so a training head and an inference head share
 * variables in one graph. Layers do not open sub-scopes of their own: in TF Java 1.1.0 every {@code
 * withSubScope} rescans all ops of the graph, which made building a 16-step model quadratic.
 */
public final class LayerContext {
  private final Ops tf;
  private final ParameterRegistry registry;
  private final Mode mode;
  private final String path;
  private final List<Op> updates;
  private final ParameterSource source;

  private LayerContext(
      Ops tf,
      ParameterRegistry registry,
      Mode mode,
      String path,
      List<Op> updates,
      ParameterSource source) {
    this.tf = tf;
    this.registry = registry;
    this.mode = mode;
    this.path = path;
    this.updates = updates;
    this.source = source;
  }

  /** The root context of a head named {@code head} (an op-name prefix such as {@code train}). */
  public static LayerContext root(ParameterRegistry registry, Mode mode, String head) {
    Ops ops = head == null || head.isEmpty() ? registry.ops() : registry.ops().withSubScope(head);
    return new LayerContext(ops, registry, mode, "", new ArrayList<>(), ParameterSource.PLAIN);
  }

  /** The context for a sub-layer named {@code name}. */
  public LayerContext child(String name) {
    return new LayerContext(tf, registry, mode, qualify(name), updates, source);
  }

  /** The same variable path with a different parameter source (used by ODE blocks). */
  public LayerContext withSource(ParameterSource newSource) {
    return new LayerContext(tf, registry, mode, path, updates, newSource);
  }

  /** Builds {@code layer} as the child {@code name}. */
  public Operand<TFloat32> apply(String name, Layer layer, Operand<TFloat32> x) {
    return layer.apply(child(name), x);
  }

  /** The trainable tensor {@code name} of this layer. */
  public Operand<TFloat32> parameter(String name, long[] shape, Initializer init) {
    return source.parameter(this, qualify(name), shape, init);
  }

  /** The running statistics of this normalisation layer, stored under {@code path}. */
  public RunningStatistics runningStatistics(int channels, double momentum) {
    return source.runningStatistics(this, path, channels, momentum);
  }

  /** Adds a state update to run with the train step. */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /** The head's state updates so far. */
  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }

  public Ops tf() {
    return tf;
  }

  public ParameterRegistry registry() {
    return registry;
  }

  public Mode mode() {
    return mode;
  }

  public boolean training() {
    return mode == Mode.TRAIN;
  }

  /** This layer's variable-name prefix ("" at the root). */
  public String path() {
    return path;
  }

  public ParameterSource source() {
    return source;
  }

  /** {@code path/name}, or {@code name} at the root. */
  public String qualify(String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
