package org.odenet4j.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * What the {@link Trainer} needs of a graph: its input and label placeholders, the training head's
 * loss and state updates, and the inference head's loss and accuracy counts. Built by a {@link
 * TrainingGraphFactory} into a graph whose variables come from one {@code ParameterRegistry}; any
 * graph qualifies, not only odenet4j's model builders.
 *
 * @param input the model input placeholder (images or token ids)
 * @param labels int32 labels, per example or per token
 * @param mask float token mask {@code [batch, length]} (1 = real token), or null for per-example
 *     labels
 * @param train the training head's loss (its {@link ClassificationLoss#mean()} is minimised)
 * @param stateUpdates the training head's state updates (BN statistics, continuous-BN refits), run
 *     after each step
 * @param infer the inference head's loss and counts (validation and evaluation)
 * @param inferLogits the inference head's logits (for the refinement check)
 */
public record TrainingGraph(
    Placeholder<? extends TType> input,
    Placeholder<TInt32> labels,
    Placeholder<TFloat32> mask,
    ClassificationLoss train,
    List<Op> stateUpdates,
    ClassificationLoss infer,
    Operand<TFloat32> inferLogits) {

  public TrainingGraph {
    stateUpdates = List.copyOf(stateUpdates);
  }
}
