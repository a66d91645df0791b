package org.odenet4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odenet4j.savedmodel.Inspection;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet inspect DIR [--json]}: signatures, variables, ODE blocks and sizes of an exported
 * model, read as data (the model's graph is never run). DIR is a version directory, or a model base
 * directory (its latest version). Validation problems exit 2 with one line; a missing manifest is a
 * warning on stderr.
 */
@Command(
    name = "inspect",
    description =
        "Show an exported model's signatures, variables and ODE blocks (never runs the model).")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "DIR",
      description = "SavedModel version directory, or a model base directory (latest version).")
  Path dir;

  @Option(names = "--json", description = "One line of JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    Inspection in = SavedModels.inspect(dir);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String w : in.warnings()) {
      err.println("odenet: warning: " + w);
    }
    err.flush();
    if (json) {
      out.println(in.toJson());
    } else {
      out.print(table(in));
    }
    out.flush();
    return 0;
  }

  /**
   * A compressed model's sources, nearest first: "from <variables sha256> (<operation>)" per link
   * of the provenance's compression chain.
   */
  private static void lineage(StringBuilder sb, Manifest.Provenance p) {
    for (Manifest.Provenance at = p; at.compression() != null; ) {
      at = at.compression().sourceProvenance();
      if (at == null) {
        return;
      }
      sb.append("from       ").append(at.variablesSha256());
      if (at.source() != null) {
        sb.append(" (").append(at.source().operation()).append(')');
      }
      sb.append('\n');
    }
  }

  static String table(Inspection in) {
    StringBuilder sb = new StringBuilder();
    sb.append("model      ").append(in.directory()).append('\n');
    sb.append("tags       ").append(String.join(", ", in.tags())).append('\n');
    if (in.provenance() != null) {
      Manifest.Provenance p = in.provenance();
      sb.append("created    ")
          .append(p.created())
          .append(" by odenet4j ")
          .append(p.odenet4jVersion())
          .append(", TensorFlow ")
          .append(p.tensorflowVersion())
          .append('\n');
      if (p.source() != null) {
        sb.append("source     ").append(p.source().operation());
        if (p.source().sha256() != null) {
          sb.append(" (sha256 ").append(p.source().sha256()).append(')');
        }
        sb.append('\n');
      }
      sb.append("sha256     ").append(p.variablesSha256()).append(" (variables/)\n");
      lineage(sb, p);
    }
    sb.append('\n');
    for (Inspection.SignatureInfo s : in.signatures()) {
      sb.append("signature ").append(s.key()).append(" (").append(s.methodName()).append(")\n");
      tensors(sb, "input", s.inputs());
      tensors(sb, "output", s.outputs());
    }
    sb.append('\n');
    if (in.odeBlocks().isEmpty()) {
      sb.append("ODE blocks: none")
          .append(in.provenance() == null ? " known (no manifest)" : "")
          .append('\n');
    } else {
      sb.append(
          String.format(
              "%-16s %-24s %4s %4s %-8s %8s %10s%n",
              "ODE block", "basis", "K", "N", "scheme", "epsilon", "variables"));
      for (Manifest.BlockEntry b : in.odeBlocks()) {
        sb.append(
            String.format(
                "%-16s %-24s %4d %4d %-8s %8s %10d%n",
                b.name(),
                b.basis(),
                b.k(),
                b.steps(),
                b.scheme(),
                trim(b.epsilon()),
                b.variables().size()));
      }
    }
    sb.append('\n');
    int width =
        Math.max(8, in.variables().stream().mapToInt(v -> v.name().length()).max().orElse(8));
    String row = "%-" + width + "s %-9s %-7s %-20s %9s  %s%n";
    sb.append(String.format(row, "variable", "kind", "dtype", "shape", "bytes", "block"));
    for (Inspection.VariableInfo v : in.variables()) {
      sb.append(
          String.format(
              row,
              v.name(),
              v.kind() == null ? "?" : v.kind(),
              v.dtype(),
              v.shape(),
              v.bytes(),
              v.block() == null ? "" : v.block()));
    }
    sb.append('\n');
    sb.append("variables             ").append(in.variables().size()).append('\n');
    sb.append("trainable parameters  ")
        .append(in.trainableParameters())
        .append(" (")
        .append(in.trainableParametersSource())
        .append(")\n");
    sb.append("variables on disk     ").append(in.variablesBytes()).append(" bytes\n");
    sb.append("total on disk         ").append(in.totalBytes()).append(" bytes\n");
    return sb.toString();
  }

  private static void tensors(
      StringBuilder sb, String what, Map<String, Manifest.TensorEntry> map) {
    map.forEach(
        (name, t) ->
            sb.append(
                String.format(
                    "  %-7s %-14s %-8s %-18s %s%n", what, name, t.dtype(), t.shape(), t.tensor())));
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
