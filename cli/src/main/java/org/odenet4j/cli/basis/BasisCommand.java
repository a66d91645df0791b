package org.odenet4j.cli.basis;

import org.odenet4j.cli.common.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code odenet basis}: the basis math on its own, without a model. */
@Command(
    name = "basis",
    description = {
      "Change of basis and evaluation for θ(t) = Σₖ φₖ(t)·cₖ on t ∈ [0, 1].",
      "Bases are family:K with family one of piecewise_constant, piecewise_linear (K even),"
          + " fem_linear, legendre."
    },
    subcommands = {BasisProjectCommand.class, BasisEvalCommand.class, BasisMatrixCommand.class})
public final class BasisCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Errors.missingSubcommand(spec);
  }
}
