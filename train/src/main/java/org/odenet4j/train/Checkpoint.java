package org.odenet4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.Manifest;

/**
 * Trained values at the end of one epoch, with the discretisation every ODE block had then: what
 * {@link #export} needs to write a serving version of the {@link Model} it was trained from.
 *
 * @param values the parameters and state of the training graph (optimizer slots excluded)
 * @param epoch 1-based epoch after which the values were taken
 * @param splits refinement splits applied before the values were taken
 * @param blocks every ODE block (variable path and spec) of the values
 * @param training the provenance of the run (seed, trainer settings, refinement, data)
 * @param model the model trained, or null when the run was given a bare {@link
 *     TrainingGraphFactory} (then the caller exports the values with an {@link Exporter} of its
 *     own)
 */
public record Checkpoint(
    VariableSnapshot values,
    int epoch,
    int splits,
    List<OdeBlockInfo> blocks,
    Manifest.Training training,
    Model model) {

  public Checkpoint {
    blocks = List.copyOf(blocks);
  }

  /** Each block's spec by variable path. */
  public Map<String, OdeBlockSpec> blockSpecs() {
    Map<String, OdeBlockSpec> m = new LinkedHashMap<>();
    blocks.forEach(b -> m.put(b.name(), b.spec()));
    return m;
  }

  /** The discretisation that rebuilds the model with this checkpoint's block specs. */
  public Discretisation discretisation() {
    return Discretisation.explicit(blockSpecs());
  }

  /**
   * An export of this checkpoint into {@code base}, ready for {@link Exporter#export()} or further
   * settings (an explicit version, assets): the model's serving graph with each block's trained
   * spec, the checkpoint's values without training-only state (the exporter skips every value the
   * serving graph has no variable for, e.g. a continuous BatchNorm's {@code variance_clamps}
   * counter), and the training provenance in the manifest.
   */
  public Exporter exporter(Path base) {
    Model m = requireModel();
    return Exporter.to(base)
        .graph(m.serving(discretisation()))
        .values(values)
        .ignoreExtraValues()
        .source("trained by odenet4j (epoch " + epoch + ")", null)
        .training(training);
  }

  /**
   * Exports a new version under {@code base} (a SavedModel with tag {@code serve} and signature
   * {@code serving_default}, plus the odenet manifest).
   */
  public ExportResult export(Path base) {
    return exporter(base).export();
  }

  private Model requireModel() {
    if (model == null) {
      throw new IllegalStateException(
          "checkpoint: expected a Model to export (train with Trainer.train(Model, …)), found a"
              + " run of a bare TrainingGraphFactory");
    }
    return model;
  }
}
