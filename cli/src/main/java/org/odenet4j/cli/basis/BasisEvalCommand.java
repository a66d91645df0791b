package org.odenet4j.cli.basis;

import org.odenet4j.basis.Basis;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odenet basis eval}: θ(t) = Σₖ φₖ(t)·cₖ at the given depths (a breakpoint belongs to the
 * cell on its right; t = 1 to the last cell).
 *
 * <pre>{"basis":"F:K","at":[…],"values":[…]}</pre>
 */
@Command(
    name = "eval",
    description = {
      "Evaluate θ(t) = Σₖ φₖ(t)·cₖ at depths t ∈ [0, 1]; print JSON with the values.",
      "A breakpoint belongs to the cell on its right; t = 1 to the last cell."
    })
public final class BasisEvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--basis", required = true, paramLabel = "F:K", description = "The basis.")
  String basis;

  @Option(
      names = "--coeffs",
      required = true,
      paramLabel = "c0,c1,...",
      description = "K comma-separated coefficients.")
  String coeffs;

  @Option(
      names = "--at",
      required = true,
      paramLabel = "t0,t1,...",
      description = "Comma-separated depths in [0, 1].")
  String at;

  @Override
  public void run() {
    Basis b = Args.basis("--basis", basis);
    double[] c = Args.coefficients("--coeffs", coeffs, b);
    double[] t = Args.depths("--at", at);
    double[] values = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      values[i] = b.value(c, t[i]);
    }
    String json =
        new Json().field("basis", b.spec()).field("at", t).field("values", values).toString();
    spec.commandLine().getOut().println(json);
  }
}
