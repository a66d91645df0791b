package org.odenet4j.train;

import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * {@link TrainingGraphFactory} for odenet4j's own models ({@link ModelSpec}): a {@code train} head
 * and an {@code infer} head over one input placeholder, sharing variables. Taggers count real
 * tokens only (the mask is {@code tokens != PAD}, computed in the graph).
 */
public final class ModelTraining {
  /** Name prefix of the training head's ops. */
  public static final String TRAIN_HEAD = "train";

  /** Name prefix of the inference head's ops. */
  public static final String INFER_HEAD = "infer";

  private ModelTraining() {}

  /** The factory for a spec; {@code blocks} maps every ODE block's spec (refinement). */
  public static TrainingGraphFactory of(ModelSpec spec) {
    return (tf, registry, blocks) -> build(tf, registry, spec.mapBlocks(blocks));
  }

  @SuppressWarnings("unchecked")
  private static TrainingGraph build(Ops tf, ParameterRegistry registry, ModelSpec spec) {
    Placeholder<? extends TType> input = Models.input(tf, spec);
    Placeholder<TInt32> labels;
    Operand<TFloat32> mask = null;
    if (spec instanceof ImageModelSpec) {
      labels = ClassificationLoss.labels(tf);
    } else {
      TaggerModelSpec tagger = (TaggerModelSpec) spec;
      labels = ClassificationLoss.labels(tf, tagger.maxLength());
      mask =
          tf.withName("token_mask")
              .dtypes
              .cast(tf.math.notEqual((Operand<TInt32>) input, tf.constant(0)), TFloat32.class);
    }
    LayerContext train = LayerContext.root(registry, Mode.TRAIN, TRAIN_HEAD);
    ClassifierOutputs trainOut = Models.build(train, spec, input);
    LayerContext infer = LayerContext.root(registry, Mode.INFER, INFER_HEAD);
    ClassifierOutputs inferOut = Models.build(infer, spec, input);
    return new TrainingGraph(
        input,
        labels,
        null,
        ClassificationLoss.of(train.tf(), trainOut.logits(), labels, mask),
        train.updates(),
        ClassificationLoss.of(infer.tf(), inferOut.logits(), labels, mask),
        inferOut.logits());
  }
}
