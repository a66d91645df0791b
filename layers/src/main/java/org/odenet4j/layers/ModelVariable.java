package org.odenet4j.layers;

import java.util.Arrays;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One variable of a model, as the registry knows it.
 *
 * @param name stable, readable name, e.g. {@code stage2/block/conv1/kernel}; the graph op has this
 *     exact name, and export, restore and compression find it by it
 * @param kind parameter or state
 * @param shape full shape, including a leading basis axis K for coefficients of an ODE block
 * @param block name of the ODE block whose basis this variable's first axis is in, or null
 * @param variable the {@code VariableV2} op
 */
public record ModelVariable(
    String name, VariableKind kind, long[] shape, String block, Variable<TFloat32> variable) {

  /** Number of scalar values. */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** True when the first axis is the basis axis of an ODE block. */
  public boolean isCoefficient() {
    return block != null;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + " " + kind + (block == null ? "" : " in " + block);
  }
}
