package org.odenet4j.cli.basis;

import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.L2Error;
import org.odenet4j.cli.common.Args;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odenet basis project}: maps one coefficient vector from basis F:K to G:M and reports the
 * exact L2 error of the result.
 *
 * <pre>
 * {"from":"F:K","to":"G:M","method":"projection","coeffs":[…],"l2_error":e,"relative_l2_error":r}
 * </pre>
 */
@Command(
    name = "project",
    description = {
      "Map coefficients from one basis to another; print JSON with the new coefficients and the"
          + " exact L2 error ‖θ_from − θ_to‖ over [0, 1] (absolute and relative to ‖θ_from‖)."
    })
public final class BasisProjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin ChangeOfBasisOptions options;

  @Option(
      names = "--coeffs",
      required = true,
      paramLabel = "c0,c1,...",
      description = "K comma-separated coefficients in the source basis.")
  String coeffs;

  @Override
  public void run() {
    ChangeOfBasis map = options.map();
    double[] c = Args.coefficients("--coeffs", coeffs, map.from());
    double[] mapped = map.apply(c);
    L2Error error = map.error(c);
    String json =
        ChangeOfBasisOptions.header(map)
            .field("coeffs", mapped)
            .field("l2_error", error.absolute())
            .field("relative_l2_error", error.relative())
            .toString();
    spec.commandLine().getOut().println(json);
  }
}
