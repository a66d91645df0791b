package org.odenet4j.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.ModelExport;

/**
 * Builds the compressed model's inference graph for the target discretisation of every ODE block.
 * For models exported with a model spec, {@link #forSpec} does this; a custom graph (user layers
 * over raw {@code Ops} around odenet4j ODE blocks) needs its own factory, since its code cannot be
 * recovered from the SavedModel. The graph must create the same variable names as the source, with
 * K_B as the first axis of every block coefficient.
 *
 * <pre>{@code
 * GraphFactory f = blocks -> (tf, reg) -> myGraph(tf, reg, blocks.get("ode"));
 * }</pre>
 */
@FunctionalInterface
public interface GraphFactory {

  /** The inference graph with each ODE block (by name) discretised as given. */
  InferenceGraph build(Map<String, OdeBlockSpec> blocks);

  /**
   * The factory for a model spec: {@code ModelExport.of(spec.mapBlocks(…))}, with the spec's blocks
   * matched to the manifest's {@code ode_blocks} by build order. Fails unless the two agree block
   * by block (basis, N, scheme, ε).
   *
   * @param manifestFile names the manifest in errors
   */
  static GraphFactory forSpec(
      ModelSpec spec, List<Manifest.BlockEntry> blocks, String manifestFile) {
    return forSpec(spec, blocks, manifestFile, null);
  }

  /**
   * As {@link #forSpec(ModelSpec, List, String)}, for a tagger that serves words through {@code
   * words} (null: ids only).
   */
  static GraphFactory forSpec(
      ModelSpec spec, List<Manifest.BlockEntry> blocks, String manifestFile, WordVocabulary words) {
    List<OdeBlockSpec> specBlocks = spec.odeBlocks();
    List<String> names = new ArrayList<>();
    boolean agree = specBlocks.size() == blocks.size();
    for (int i = 0; agree && i < blocks.size(); i++) {
      Manifest.BlockEntry b = blocks.get(i);
      OdeBlockSpec s = specBlocks.get(i);
      agree =
          s.basis().toString().equals(b.basis())
              && s.steps() == b.steps()
              && s.scheme().toString().equals(b.scheme())
              && s.epsilon() == b.epsilon();
      names.add(b.name());
    }
    if (!agree) {
      throw new IllegalArgumentException(
          manifestFile
              + ": model_spec: expected ODE blocks matching ode_blocks "
              + blocks.stream()
                  .map(b -> b.name() + "=" + b.basis() + "/" + b.steps() + "/" + b.scheme())
                  .toList()
              + " in build order, found "
              + specBlocks.stream()
                  .map(s -> s.basis() + "/" + s.steps() + "/" + s.scheme())
                  .toList());
    }
    return targets -> {
      int[] i = {0};
      ModelSpec mapped =
          spec.mapBlocks(
              s -> {
                OdeBlockSpec t = targets.get(names.get(i[0]++));
                return t == null
                    ? s
                    : s.withBasis(t.basis()).withSteps(t.steps()).withScheme(t.scheme());
              });
      return new ModelExport(mapped, words);
    };
  }
}
