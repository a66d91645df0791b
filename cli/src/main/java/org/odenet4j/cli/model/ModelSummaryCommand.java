package org.odenet4j.cli.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet model summary image|tagger [model flags] [--json]}: per-layer variables and
 * parameter counts, totals, and the ODE blocks. Builds the inference graph in memory; nothing is
 * trained or written.
 */
@Command(
    name = "summary",
    description = "Per-layer table and totals for a model built from flags (or --spec FILE).")
public final class ModelSummaryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "image or tagger")
  String kind;

  @Mixin ModelOptions model;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public void run() {
    ModelSpec modelSpec = model.spec(kind);
    ModelSummary summary = ModelSummary.of(modelSpec);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(modelSpec, summary));
    } else {
      printTable(out, modelSpec, summary);
    }
  }

  static String toJson(ModelSpec modelSpec, ModelSummary summary) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", kind(modelSpec));
    root.put("trainable_parameters", summary.trainableParameters());
    root.put("state_values", summary.stateValues());
    List<Map<String, Object>> blocks = new ArrayList<>();
    for (ModelSummary.BlockRow b : summary.odeBlocks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", b.name());
      m.put("basis", b.basis());
      m.put("steps", b.steps());
      m.put("scheme", b.scheme());
      m.put("epsilon", b.epsilon());
      m.put("parameters", b.parameters());
      m.put("state_values", b.state());
      blocks.add(m);
    }
    root.put("ode_blocks", blocks);
    List<Map<String, Object>> layers = new ArrayList<>();
    for (ModelSummary.LayerRow l : summary.layers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("layer", l.layer());
      m.put("variables", l.variables());
      m.put("parameters", l.parameters());
      m.put("state_values", l.state());
      layers.add(m);
    }
    root.put("layers", layers);
    try {
      return new ObjectMapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String kind(ModelSpec spec) {
    return spec instanceof org.odenet4j.models.ImageModelSpec ? "image" : "tagger";
  }

  static void printTable(PrintWriter out, ModelSpec modelSpec, ModelSummary summary) {
    int width = "layer".length();
    for (ModelSummary.LayerRow l : summary.layers()) {
      width = Math.max(width, l.layer().length());
    }
    String row = "%-" + width + "s  %12s  %10s  %s%n";
    out.printf(row, "layer", "parameters", "state", "variables");
    for (ModelSummary.LayerRow l : summary.layers()) {
      out.printf(
          row,
          l.layer(),
          String.format("%,d", l.parameters()),
          String.format("%,d", l.state()),
          String.join(" ", l.variables()));
    }
    out.printf(
        "%ntrainable parameters: %,d%nstate values:         %,d%n",
        summary.trainableParameters(), summary.stateValues());
    out.printf("%nODE blocks (%s model):%n", kind(modelSpec));
    out.printf(
        "%-16s %-24s %6s %-9s %8s %12s%n",
        "block", "basis", "steps", "scheme", "epsilon", "parameters");
    for (ModelSummary.BlockRow b : summary.odeBlocks()) {
      out.printf(
          "%-16s %-24s %6d %-9s %8s %12s%n",
          b.name(),
          b.basis(),
          b.steps(),
          b.scheme(),
          b.epsilon(),
          String.format("%,d", b.parameters()));
    }
  }
}
