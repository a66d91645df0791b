package org.odenet4j.compression;

import java.util.List;
import java.util.stream.Collectors;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.CompressionProvenance;

/**
 * What a compressed version's manifest says about where it came from: the provenance's {@code
 * source.operation} text and its {@code compression} object (the source's whole provenance and each
 * block's resolved change).
 */
final class CompressionRecord {
  private CompressionRecord() {}

  /**
   * The {@code compression} object: the source manifest's provenance, and per block the source and
   * target discretisation, the method and the plan's tolerance (null: K as given).
   */
  static CompressionProvenance of(
      SourceModel source, List<BlockChange> changes, Double tolerance, int recalibrated) {
    List<CompressionProvenance.Block> blocks =
        changes.stream()
            .map(
                c ->
                    new CompressionProvenance.Block(
                        c.name(),
                        discretisation(c.source()),
                        discretisation(c.target()),
                        c.method().label(),
                        tolerance))
            .toList();
    return new CompressionProvenance(source.manifest().provenance(), blocks, recalibrated);
  }

  private static CompressionProvenance.Discretisation discretisation(OdeBlockSpec spec) {
    return new CompressionProvenance.Discretisation(spec.basis(), spec.steps(), spec.scheme());
  }

  /**
   * The provenance text, e.g. {@code compressed by projection from /m/1: stage1/block
   * piecewise_constant:16/16/euler -> piecewise_constant:8/16/euler}.
   */
  static String operation(SourceModel source, List<BlockChange> changes, int recalibrated) {
    String blocks =
        changes.stream()
            .map(c -> c.name() + " " + text(c.source()) + " -> " + text(c.target()))
            .collect(Collectors.joining("; "));
    String method = changes.isEmpty() ? "projection" : changes.get(0).method().label();
    return "compressed by "
        + method
        + " from "
        + source.directory().toAbsolutePath().normalize()
        + ": "
        + blocks
        + (recalibrated > 0
            ? "; BatchNorm statistics re-estimated on " + recalibrated + " batches"
            : "");
  }

  private static String text(OdeBlockSpec spec) {
    return spec.basis() + "/" + spec.steps() + "/" + spec.scheme();
  }
}
