package org.odenet4j.compression;

import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * One ODE block's resolved change: from the source discretisation to the target one.
 *
 * @param name the block's name (variable-name prefix), e.g. {@code stage1/block}
 * @param source the source's basis, N, scheme and ε
 * @param target the target's basis, N, scheme and ε (ε never changes)
 * @param method how coefficients move to the target basis
 */
public record BlockChange(String name, OdeBlockSpec source, OdeBlockSpec target, Method method) {

  /** The coefficient map T, [K_B][K_A] (exactly the identity when the basis does not change). */
  public ChangeOfBasis map() {
    return method.between(source.basis(), target.basis());
  }

  /** True when the basis changes (otherwise coefficients are copied bit for bit). */
  public boolean changesBasis() {
    return !source.basis().equals(target.basis());
  }

  /** N × stages before. */
  public int stageEvaluationsBefore() {
    return source.stageTimes().evaluations();
  }

  /** N × stages after. */
  public int stageEvaluationsAfter() {
    return target.stageTimes().evaluations();
  }
}
