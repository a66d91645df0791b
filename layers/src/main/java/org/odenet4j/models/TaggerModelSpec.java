package org.odenet4j.models;

import java.util.List;
import java.util.function.UnaryOperator;
import org.odenet4j.layers.Activation;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * The reference's continuous-transformer tagger (digest §8.2): token embedding (dModel) + fixed
 * sinusoidal positions → one ODE block of {@code TransformerEncoderUnit}s → LayerNorm → Dense(tags)
 * per token. Id 0 is padding and is masked out of attention.
 *
 * @param vocabulary number of token ids, including PAD = 0 and UNK = 1
 * @param tags number of tag ids
 * @param maxLength sentence length (inputs are padded or truncated to it)
 * @param dModel model width
 * @param heads attention heads
 * @param mlpDim hidden width of the MLP
 * @param activation MLP activation (elu in the reference)
 * @param block the ODE block's discretisation
 */
public record TaggerModelSpec(
    int vocabulary,
    int tags,
    int maxLength,
    int dModel,
    int heads,
    int mlpDim,
    String activation,
    OdeBlockSpec block)
    implements ModelSpec {

  public TaggerModelSpec {
    if (vocabulary < 3 || tags < 2 || maxLength < 1 || dModel < 1 || heads < 1 || mlpDim < 1) {
      throw new IllegalArgumentException(
          "tagger: expected vocabulary >= 3, tags >= 2 and positive sizes, found vocabulary="
              + vocabulary
              + " tags="
              + tags
              + " maxLength="
              + maxLength
              + " dModel="
              + dModel
              + " heads="
              + heads
              + " mlpDim="
              + mlpDim);
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException(
          "tagger: expected dModel divisible by heads, found " + dModel + " and " + heads);
    }
    activation = Activation.byName(activation).label();
    if (block == null) {
      throw new IllegalArgumentException("tagger: expected an ODE block spec, found none");
    }
  }

  @Override
  public List<OdeBlockSpec> odeBlocks() {
    return List.of(block);
  }

  @Override
  public TaggerModelSpec mapBlocks(UnaryOperator<OdeBlockSpec> change) {
    return new TaggerModelSpec(
        vocabulary, tags, maxLength, dModel, heads, mlpDim, activation, change.apply(block));
  }
}
