package org.odenet4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * One refinement split of a run: captures the values, carries them to the refined bases ({@link
 * SplitRefinement}), checks that the refined model computes the same function at the old step count
 * on a probe batch, and rebuilds the graph with refined bases and doubled steps — the same factory,
 * with the registry's {@link Discretisation} set to the next number of splits — restoring the
 * carried values (optimizer slots start from zero).
 */
final class RefinementStep {

  /**
   * @param session the rebuilt, refined training session
   * @param maxAbsDiff max |Δ logits| of the check
   */
  record Outcome(TrainingSession session, double maxAbsDiff) {}

  private final TrainerConfig config;
  private final TrainingGraphFactory factory;
  private final TrainingData probeData;
  private final int[] probe;

  RefinementStep(
      TrainerConfig config, TrainingGraphFactory factory, TrainingData probeData, int[] probe) {
    this.config = config;
    this.factory = factory;
    this.probeData = probeData;
    this.probe = probe;
  }

  /** The discretisation of a run after {@code splits} splits. */
  static Discretisation afterSplits(int splits) {
    return Discretisation.map(SplitRefinement.splits(splits));
  }

  /**
   * Splits {@code run}, which has {@code splits} splits behind it, and closes it; on failure {@code
   * run} stays open for the caller to close.
   */
  Outcome split(TrainingSession run, int splits) {
    VariableSnapshot before = run.capture();
    List<OdeBlockInfo> oldBlocks = run.blocks();
    float[] oldLogits = run.logits(probeData, probe);
    VariableSnapshot refined = SplitRefinement.refine(before, blockMap(oldBlocks));
    double diff = check(splits, refined, oldLogits);
    run.close();
    TrainingSession next = new TrainingSession(factory, afterSplits(splits + 1), config, true);
    try {
      refined.restore(next.session, next.registry);
    } catch (RuntimeException | Error e) {
      next.close();
      throw e;
    }
    return new Outcome(next, diff);
  }

  private double check(int splits, VariableSnapshot refined, float[] oldLogits) {
    var current = SplitRefinement.splits(splits);
    Discretisation basisOnly =
        Discretisation.map(s -> SplitRefinement.refineBasisOnly(current.apply(s)));
    try (TrainingSession check = new TrainingSession(factory, basisOnly, config, false)) {
      refined.restore(check.session, check.registry);
      float[] logits = check.logits(probeData, probe);
      double diff = 0;
      for (int i = 0; i < logits.length; i++) {
        diff = Math.max(diff, Math.abs(logits[i] - oldLogits[i]));
      }
      if (!(diff <= Trainer.SPLIT_TOLERANCE)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "refinement split %d: expected the refined model to compute the same function (max |Δ logits| <= %.0e), found %.3g",
                splits + 1,
                Trainer.SPLIT_TOLERANCE,
                diff));
      }
      return diff;
    }
  }

  private static Map<String, OdeBlockSpec> blockMap(List<OdeBlockInfo> blocks) {
    Map<String, OdeBlockSpec> m = new LinkedHashMap<>();
    for (OdeBlockInfo b : blocks) {
      m.put(b.name(), b.spec());
    }
    return m;
  }
}
