package org.odenet4j.savedmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * How a compressed version was made, the manifest's {@code provenance.compression}: the source's
 * whole provenance and the plan as resolved, block by block. The source's provenance carries its
 * own {@code compression} object when the source was itself compressed, so a chain source →
 * compressed → recompressed can be followed back to the trained model.
 *
 * <pre>{@code
 * "compression": {
 *   "source_provenance": {"odenet4j_version": "…", …, "source": {…}},
 *   "blocks": [{"name": "stage1/block",
 *               "source": {"basis": "piecewise_constant:16", "steps": 16, "scheme": "euler"},
 *               "target": {"basis": "piecewise_constant:8", "steps": 16, "scheme": "euler"},
 *               "method": "projection", "tolerance": 0.01}],
 *   "recalibration_batches": 0
 * }
 * }</pre>
 *
 * @param sourceProvenance the source manifest's {@code provenance} object, unchanged (null if it
 *     had none)
 * @param blocks every ODE block's change, in build order
 * @param recalibrationBatches batches BatchNorm statistics were re-estimated on after the change of
 *     basis (0: off)
 */
@JsonPropertyOrder({"source_provenance", "blocks", "recalibration_batches"})
public record CompressionProvenance(
    Manifest.Provenance sourceProvenance, List<Block> blocks, int recalibrationBatches) {

  /**
   * One ODE block's change.
   *
   * @param name the block's name, e.g. {@code stage1/block}
   * @param source its discretisation in the source
   * @param target its discretisation in the compressed version
   * @param method projection or interpolation
   * @param tolerance the relative L2 error tolerance that chose the target's K; absent when K was
   *     given
   */
  @JsonPropertyOrder({"name", "source", "target", "method", "tolerance"})
  public record Block(
      String name,
      Discretisation source,
      Discretisation target,
      String method,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double tolerance) {}

  /**
   * A block's discretisation (ε never changes in a compression).
   *
   * @param basis {@code family:K}
   * @param steps N
   * @param scheme euler, midpoint, rk4 or rk4_38
   */
  @JsonPropertyOrder({"basis", "steps", "scheme"})
  public record Discretisation(String basis, int steps, String scheme) {}
}
