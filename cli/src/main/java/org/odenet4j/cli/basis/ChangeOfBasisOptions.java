package org.odenet4j.cli.basis;

import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.common.Json;
import picocli.CommandLine.Option;

/**
 * The {@code --from F:K --to G:M [--method …]} options shared by {@code basis project} and {@code
 * basis matrix}.
 */
public final class ChangeOfBasisOptions {
  @Option(names = "--from", required = true, paramLabel = "F:K", description = "Source basis.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "G:M", description = "Target basis.")
  String to;

  @Option(
      names = "--method",
      defaultValue = "projection",
      paramLabel = "METHOD",
      description =
          "projection (exact L2, default) or interpolation (sample at the target's nodes).")
  String method;

  /** The source basis (validated, errors name {@code --from}). */
  Basis source() {
    return Args.basis("--from", from);
  }

  /** The map from source to target by the chosen method. */
  ChangeOfBasis map() {
    Basis source = source();
    Basis target = Args.basis("--to", to);
    return Args.method("--method", method).between(source, target);
  }

  /** JSON starting with the "from", "to" and "method" fields of {@code map}. */
  static Json header(ChangeOfBasis map) {
    return new Json()
        .field("from", map.from().spec())
        .field("to", map.to().spec())
        .field("method", map.method());
  }
}
