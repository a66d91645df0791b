package org.odenet4j.ops;

import java.util.List;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.Side;
import org.odenet4j.basis.Term;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * Emits θ(t) = Σₖ φₖ(t)·C[k] from a coefficient tensor C of shape {@code [K, …]}, for a depth t
 * known when the graph is built.
 *
 * <ul>
 *   <li>Local bases: the ≤ 2 non-zero terms as static slices of C, scaled and added; a single term
 *       of weight 1 is the slice itself (so piecewise_constant costs one slice, like reading a
 *       plain ResNet weight). No K-length contraction.
 *   <li>legendre: one contraction [1, K] × [K, m] with the φ values as a constant, reshaped back. K
 *       appears only in the constant and C's shape, never in a reshape constant.
 * </ul>
 *
 * Gradients flow to C through StridedSlice / MatMul.
 */
public final class BasisOps {
  private BasisOps() {}

  /** θ(t) read from {@code side}; C must have a static shape with C.shape(0) = K. */
  public static <T extends TNumber> Operand<T> at(
      Ops tf, Operand<T> coefficients, Basis basis, double t, Side side) {
    return combine(tf, coefficients, basis, basis.terms(t, side));
  }

  /** Σ weight·C[index] over the given terms. */
  public static <T extends TNumber> Operand<T> combine(
      Ops tf, Operand<T> coefficients, Basis basis, List<Term> terms) {
    Shape shape = coefficients.shape();
    if (shape.numDimensions() < 1 || shape.size(0) != basis.size()) {
      throw new IllegalArgumentException(
          "coefficients for "
              + basis.spec()
              + ": expected shape ["
              + basis.size()
              + ", ...], found "
              + shape);
    }
    if (basis.isLocal()) {
      Operand<T> sum = null;
      for (Term term : terms) {
        Operand<T> slice =
            tf.stridedSlice(coefficients, Indices.at(term.index()), Indices.ellipsis());
        Operand<T> scaled =
            term.weight() == 1.0
                ? slice
                : tf.math.mul(tf.constant(coefficients.type(), term.weight()), slice);
        sum = sum == null ? scaled : tf.math.add(sum, scaled);
      }
      return sum;
    }
    return contract(tf, coefficients, basis, terms);
  }

  private static <T extends TNumber> Operand<T> contract(
      Ops tf, Operand<T> coefficients, Basis basis, List<Term> terms) {
    Shape shape = coefficients.shape();
    int k = basis.size();
    long trailing = 1;
    long[] rest = new long[shape.numDimensions() - 1];
    for (int d = 1; d < shape.numDimensions(); d++) {
      if (shape.isUnknown() || shape.size(d) < 0) {
        throw new IllegalArgumentException("coefficients: expected a static shape, found " + shape);
      }
      rest[d - 1] = shape.size(d);
      trailing *= shape.size(d);
    }
    double[] phi = new double[k];
    for (Term term : terms) {
      phi[term.index()] += term.weight();
    }
    Operand<T> row =
        tf.reshape(constantVector(tf, coefficients, phi), tf.constant(new long[] {1, -1}));
    Operand<T> flat = tf.reshape(coefficients, tf.constant(new long[] {-1, trailing}));
    Operand<T> product = tf.linalg.matMul(row, flat);
    return tf.reshape(product, tf.constant(rest));
  }

  /** A constant vector in the dtype of {@code like} (no Cast op for float32 and float64). */
  @SuppressWarnings("unchecked")
  static <T extends TNumber> Operand<T> constantVector(Ops tf, Operand<T> like, double[] values) {
    if (like.type() == TFloat64.class) {
      return (Operand<T>) tf.constant(values);
    }
    if (like.type() == TFloat32.class) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return (Operand<T>) tf.constant(f);
    }
    return tf.dtypes.cast(tf.constant(values), like.type());
  }
}
