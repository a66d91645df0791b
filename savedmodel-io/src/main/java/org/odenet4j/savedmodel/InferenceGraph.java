package org.odenet4j.savedmodel;

import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.tensorflow.op.Ops;

/**
 * Builds a serving graph into a fresh graph: inference mode only, every variable obtained from (or
 * at least named like) the given {@link ParameterRegistry#empty empty registry}, so the exporter
 * can assign the trained values by name. Any graph works, not only odenet4j's model builders: user
 * layers over raw {@code Ops} with ODE blocks in between, for example.
 *
 * <p>Variables created outside the registry ({@code tf.variable(Shape, Class)}) are exported too;
 * they need a value under their op name, and the manifest lists them as parameters.
 */
@FunctionalInterface
public interface InferenceGraph {

  /** Builds the graph and returns its signature's named inputs and outputs. */
  SignatureOutputs build(Ops tf, ParameterRegistry emptyRegistry);

  /**
   * Builds the graph and returns everything the SavedModel serves: by default the one signature of
   * {@link #build}; a graph with further signatures, assets or an init op (a tagger that takes
   * words) overrides this.
   */
  default ServingGraph buildServing(Ops tf, ParameterRegistry emptyRegistry) {
    return ServingGraph.of(build(tf, emptyRegistry));
  }

  /**
   * A tagger's word input (vocabulary, lower-casing, tag names), recorded in the manifest so that
   * compression can rebuild it; null (the default) for a graph that takes no words.
   */
  default WordVocabulary words() {
    return null;
  }

  /** The model spec recorded in the manifest, or null for a custom graph. */
  default ModelSpec modelSpec() {
    return null;
  }
}
