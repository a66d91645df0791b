package org.odenet4j.cli.basis;

import org.odenet4j.basis.ChangeOfBasis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code odenet basis matrix}: the M×K matrix T with c_to = T·c_from.
 *
 * <pre>{"from":"F:K","to":"G:M","method":"projection","rows":M,"cols":K,"matrix":[[…],…]}</pre>
 */
@Command(
    name = "matrix",
    description = {
      "Print the change-of-basis matrix T (M rows, K columns), c_to = T·c_from, as JSON."
    })
public final class BasisMatrixCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin ChangeOfBasisOptions options;

  @Override
  public void run() {
    ChangeOfBasis map = options.map();
    double[][] t = map.matrix();
    String json =
        ChangeOfBasisOptions.header(map)
            .field("rows", t.length)
            .field("cols", map.from().size())
            .field("matrix", t)
            .toString();
    spec.commandLine().getOut().println(json);
  }
}
