package org.odenet4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * A per-layer account of a model: every layer's variables with shapes, its trainable parameter and
 * state counts, totals, and the ODE blocks with their discretisation and parameter count.
 *
 * @param layers one row per layer, in build order
 * @param trainableParameters total trainable scalars
 * @param stateValues total state scalars (running statistics, counters)
 * @param odeBlocks the ODE blocks
 */
public record ModelSummary(
    List<LayerRow> layers, long trainableParameters, long stateValues, List<BlockRow> odeBlocks) {

  /** One layer: its variable-name prefix, its variables' shapes, and counts. */
  public record LayerRow(String layer, List<String> variables, long parameters, long state) {}

  /** One ODE block. */
  public record BlockRow(
      String name,
      String basis,
      int steps,
      String scheme,
      double epsilon,
      long parameters,
      long state) {}

  /** Summarises the variables of a built registry. */
  public static ModelSummary of(ParameterRegistry registry) {
    Map<String, List<ModelVariable>> byLayer = new LinkedHashMap<>();
    for (ModelVariable v : registry.all()) {
      if (v.kind() == VariableKind.OPTIMIZER) {
        continue;
      }
      int slash = v.name().lastIndexOf('/');
      String layer = slash < 0 ? v.name() : v.name().substring(0, slash);
      byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(v);
    }
    List<LayerRow> rows = new ArrayList<>();
    for (Map.Entry<String, List<ModelVariable>> e : byLayer.entrySet()) {
      long params = 0;
      long state = 0;
      List<String> vars = new ArrayList<>();
      for (ModelVariable v : e.getValue()) {
        vars.add(v.name().substring(v.name().lastIndexOf('/') + 1) + Arrays.toString(v.shape()));
        if (v.kind() == VariableKind.PARAMETER) {
          params += v.size();
        } else if (v.kind() == VariableKind.STATE) {
          state += v.size();
        }
      }
      rows.add(new LayerRow(e.getKey(), vars, params, state));
    }
    List<BlockRow> blocks = new ArrayList<>();
    for (OdeBlockInfo info : OdeBlocks.of(registry).all()) {
      long params = 0;
      long state = 0;
      for (ModelVariable v : registry.variablesOf(info.name())) {
        if (v.kind() == VariableKind.PARAMETER) {
          params += v.size();
        } else if (v.kind() == VariableKind.STATE) {
          state += v.size();
        }
      }
      OdeBlockSpec s = info.spec();
      blocks.add(
          new BlockRow(
              info.name(),
              s.basis().toString(),
              s.steps(),
              s.scheme().toString(),
              s.epsilon(),
              params,
              state));
    }
    return new ModelSummary(rows, registry.parameterCount(), registry.stateCount(), blocks);
  }

  /**
   * Builds the spec's inference graph (uninitialised variables) in a scratch graph and summarises
   * it.
   */
  public static ModelSummary of(ModelSpec spec) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      return of(registry);
    }
  }
}
