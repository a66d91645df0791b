package org.odenet4j.train;

import java.util.List;
import java.util.function.UnaryOperator;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * The outcome of a {@link Trainer} run.
 *
 * @param history one entry per epoch, as written to the metrics log
 * @param best values of the best epoch by validation accuracy (the last epoch without validation
 *     data)
 * @param bestEpoch 1-based epoch of {@code best}
 * @param bestSplits refinement splits applied before {@code best} was taken
 * @param bestBlocks the ODE blocks' specs of {@code best}
 * @param last values after the last epoch
 * @param lastSplits refinement splits applied in the whole run
 * @param lastBlocks the ODE blocks' specs of {@code last}
 */
public record TrainingResult(
    List<EpochMetrics> history,
    VariableSnapshot best,
    int bestEpoch,
    int bestSplits,
    List<OdeBlockInfo> bestBlocks,
    VariableSnapshot last,
    int lastSplits,
    List<OdeBlockInfo> lastBlocks) {

  public TrainingResult {
    history = List.copyOf(history);
    bestBlocks = List.copyOf(bestBlocks);
    lastBlocks = List.copyOf(lastBlocks);
  }

  /**
   * The block map of {@code splits} refinement splits (refined bases, doubled steps), applied in
   * turn.
   */
  public static UnaryOperator<OdeBlockSpec> splits(int splits) {
    return spec -> {
      OdeBlockSpec s = spec;
      for (int i = 0; i < splits; i++) {
        s = SplitRefinement.refine(s);
      }
      return s;
    };
  }
}
