package org.odenet4j.cli.basis;

import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.cli.Args;
import org.odenet4j.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odenet basis matrix}: the M×K matrix T with c_to = T·c_from.
 *
 * <pre>{"from":"F:K","to":"G:M","method":"projection","rows":M,"cols":K,"matrix":[[…],…]}</pre>
 */
@Command(
    name = "matrix",
    description = {"Print the change-of-basis matrix T (M rows, K columns), c_to = T·c_from, as JSON."})
public final class BasisMatrixCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "F:K", description = "Source basis.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "G:M", description = "Target basis.")
  String to;

  @Option(
      names = "--method",
      defaultValue = "projection",
      paramLabel = "METHOD",
      description = Method.DESCRIPTION)
  String method;

  @Override
  public void run() {
    Basis source = Args.basis("--from", from);
    Basis target = Args.basis("--to", to);
    Method m = Method.parse("--method", method);
    ChangeOfBasis map = m.between(source, target);
    double[][] t = map.matrix();
    String json =
        new Json()
            .field("from", source.spec())
            .field("to", target.spec())
            .field("method", m.label())
            .field("rows", t.length)
            .field("cols", source.size())
            .field("matrix", t)
            .toString();
    spec.commandLine().getOut().println(json);
  }
}
