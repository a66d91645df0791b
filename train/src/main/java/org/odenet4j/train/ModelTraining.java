package org.odenet4j.train;

import java.util.Iterator;
import java.util.List;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockInfo;
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

  /**
   * The factory for a spec; its ODE blocks are built with the discretisation the trainer sets on
   * the registry (refinement).
   */
  public static TrainingGraphFactory of(ModelSpec spec) {
    return (tf, registry) -> build(tf, registry, spec);
  }

  /**
   * The spec as trained up to {@code checkpoint}: each ODE block of {@code spec}, in order, with
   * the checkpoint's spec of the block built in that place (what to export the checkpoint's values
   * with).
   */
  public static ModelSpec trainedSpec(ModelSpec spec, Checkpoint checkpoint) {
    List<OdeBlockInfo> trained = checkpoint.blocks();
    if (trained.size() != spec.odeBlocks().size()) {
      throw new IllegalArgumentException(
          "checkpoint: expected "
              + spec.odeBlocks().size()
              + " ODE blocks as in the model spec, found "
              + trained.size());
    }
    Iterator<OdeBlockInfo> next = trained.iterator();
    return spec.mapBlocks(declared -> next.next().spec());
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
