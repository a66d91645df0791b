package org.odenet4j.cli.model;

import org.odenet4j.cli.common.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code odenet model}: commands about model architectures. */
@Command(
    name = "model",
    description = "Describe model architectures.",
    subcommands = {ModelSummaryCommand.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Errors.missingSubcommand(spec);
  }
}
