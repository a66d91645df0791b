package org.odenet4j.units;

import org.odenet4j.layers.Activation;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A two-layer perceptron R(h) = Dense_out(act(Dense_hidden(h))) preserving the feature width: a
 * small rate unit for tests and toy problems. Children: {@code dense1}, {@code dense2}.
 *
 * @param hidden hidden width
 * @param activation act
 */
public record MlpUnit(int hidden, Activation activation) implements Layer {

  /** A unit with a ReLU between its two dense layers. */
  public MlpUnit(int hidden) {
    this(hidden, Activation.RELU);
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    int width = (int) x.shape().size(-1);
    Operand<TFloat32> h = ctx.apply("dense1", Dense.of(hidden), x);
    h = activation.apply(ctx.tf(), h);
    return ctx.apply("dense2", Dense.of(width), h);
  }
}
