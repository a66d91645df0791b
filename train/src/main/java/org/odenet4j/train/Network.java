package org.odenet4j.train;

import org.odenet4j.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A user's network, written once: the forward pass from the model input to the logits, built with
 * the layers of a {@link LayerContext}. odenet4j calls it for the training head, the inference head
 * and the serving graph; the context's mode says which, and ODE blocks find their current
 * discretisation through it, so refinement needs nothing from the network.
 *
 * <pre>{@code
 * Network<TFloat32> net = (ctx, images) -> ctx.apply("out", Dense.of(10),
 *     ctx.tf().reshape(images, ctx.tf().constant(new long[] {-1, 784})));
 * }</pre>
 *
 * @param <T> the input's type: {@code TFloat32} images or features, {@code TInt32} token ids
 */
@FunctionalInterface
public interface Network<T extends TType> {

  /** Logits {@code [batch, classes]} (or {@code [batch, length, tags]} for a tagger). */
  Operand<TFloat32> apply(LayerContext ctx, Operand<T> input);
}
