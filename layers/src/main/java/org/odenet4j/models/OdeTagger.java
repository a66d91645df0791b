package org.odenet4j.models;

import org.odenet4j.layers.Activation;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.Embedding;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.LayerNorm;
import org.odenet4j.layers.SinusoidalPositions;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.units.TransformerEncoderUnit;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds {@link TaggerModelSpec} graphs. Variable-name layout: {@code embedding/table}, {@code
 * encoder/block/…}, {@code head/ln}, {@code head/dense}.
 */
public final class OdeTagger {
  /** Name of the ODE block. */
  public static final String BLOCK = "encoder/block";

  /** The padding id. */
  public static final int PAD = 0;

  /** The id of unknown words. */
  public static final int UNK = 1;

  private OdeTagger() {}

  /**
   * Per-token logits, probabilities and tags for token ids {@code [batch, maxLength]} (0 = PAD).
   */
  public static ClassifierOutputs build(
      LayerContext ctx, TaggerModelSpec spec, Operand<TInt32> tokens) {
    if (tokens.shape().numDimensions() != 2 || tokens.shape().size(1) != spec.maxLength()) {
      throw new IllegalArgumentException(
          "tagger: expected tokens [batch, " + spec.maxLength() + "], found " + tokens.shape());
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> mask = mask(tf, tokens);
    Operand<TFloat32> x =
        new Embedding(spec.vocabulary(), spec.dModel()).apply(ctx.child("embedding"), tokens);
    x = new SinusoidalPositions().apply(ctx.child("positions"), x);
    TransformerEncoderUnit unit =
        new TransformerEncoderUnit(
            spec.heads(), spec.mlpDim(), Activation.byName(spec.activation()), mask);
    x = ctx.child("encoder").apply("block", new OdeBlock(unit, spec.block()), x);
    LayerContext head = ctx.child("head");
    x = head.apply("ln", LayerNorm.standard(), x);
    Operand<TFloat32> logits = head.apply("dense", Dense.of(spec.tags()), x);
    return OdeImageClassifier.outputs(head.tf(), logits);
  }

  /** 1 for real tokens, 0 for padding, [batch, length]. */
  public static Operand<TFloat32> mask(Ops tf, Operand<TInt32> tokens) {
    return tf.dtypes.cast(tf.math.notEqual(tokens, tf.constant(PAD)), TFloat32.class);
  }
}
