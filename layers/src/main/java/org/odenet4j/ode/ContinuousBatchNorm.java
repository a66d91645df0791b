package org.odenet4j.ode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.PointFit;
import org.odenet4j.basis.VarianceFloor;
import org.odenet4j.integrate.Stage;
import org.odenet4j.integrate.StageTimes;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.VariableKind;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Continuous-in-depth BatchNorm state of one ODE block in training. Each BatchNorm inside the rate
 * unit reports its batch statistics bᵢ at every stage i = 1…S; after the block is unrolled, the
 * running-statistic coefficients are refitted onto the basis:
 *
 * <pre>
 *   s_new = m·s_old + (1 − m)·P·B          (reached coefficients; P = (ΦᵀΦ)⁻¹Φᵀ, B = [b₁ … b_S])
 * </pre>
 *
 * which is exactly the least-squares fit of the stage-wise EMA-updated statistics m·s(tᵢ) + (1 −
 * m)·bᵢ, because s(tᵢ) = Φ·s_old lies in the span (P·Φ = I on reached coefficients). P is a graph
 * constant computed in double precision from the stage times. Coefficients no stage reaches keep
 * their value (warned at build time).
 *
 * <p>Positivity of the variance follows {@link VarianceFloor}. For a nodal basis, a variance
 * coefficient that would become ≤ 0 (possible with signed fit weights, e.g. fem_linear) is clamped
 * to 1e-5 and counted in the state variable {@code <block>/variance_clamps}. For legendre the
 * refitted coefficients are assigned as they are (a depth-varying positive variance has signed
 * coefficients k ≥ 1); the inference read floors σ²(tᵢ) at 1e-5 instead, and the counter adds the
 * (distinct stage read, channel) pairs where the refitted σ²(tᵢ) is ≤ 0.
 *
 * <p>Built for training heads only: the constructor computes P and throws when the stage design is
 * rank deficient.
 */
final class ContinuousBatchNorm {
  static final float VARIANCE_FLOOR = VarianceFloor.FLOOR;

  private final OdeBlockInfo block;
  private final PointFit fit;
  private final int stageCount;
  private final Map<String, Samples> samples = new LinkedHashMap<>();

  private static final class Samples {
    final Variable<TFloat32> mean;
    final Variable<TFloat32> variance;
    final double momentum;
    final Operand<TFloat32>[] means;
    final Operand<TFloat32>[] variances;

    @SuppressWarnings("unchecked")
    Samples(Variable<TFloat32> mean, Variable<TFloat32> variance, double momentum, int stages) {
      this.mean = mean;
      this.variance = variance;
      this.momentum = momentum;
      this.means = new Operand[stages];
      this.variances = new Operand[stages];
    }
  }

  ContinuousBatchNorm(OdeBlockInfo block, StageTimes times) {
    this.block = block;
    this.fit = PointFit.reachable(block.spec().basis(), times.nodes());
    this.stageCount = times.evaluations();
  }

  void observe(
      String name,
      Variable<TFloat32> mean,
      Variable<TFloat32> variance,
      double momentum,
      Stage stage,
      Operand<TFloat32> batchMean,
      Operand<TFloat32> batchVariance) {
    Samples s =
        samples.computeIfAbsent(name, n -> new Samples(mean, variance, momentum, stageCount));
    s.means[stage.index()] = batchMean;
    s.variances[stage.index()] = batchVariance;
  }

  /** Emits the refit assignments into the context's update list. */
  void emitUpdates(LayerContext ctx) {
    if (samples.isEmpty()) {
      return;
    }
    Ops tf = ctx.tf();
    int k = fit.basis().size();
    double[][] full = fit.fullMatrix();
    float[] p = new float[k * stageCount];
    float[] reachedMask = new float[k];
    for (int j : fit.reached()) {
      reachedMask[j] = 1f;
    }
    for (int i = 0; i < k; i++) {
      for (int s = 0; s < stageCount; s++) {
        p[i * stageCount + s] = (float) full[i][s];
      }
    }
    Operand<TFloat32> pConst = tf.constant(Shape.of(k, stageCount), DataBuffers.of(p, true, false));
    Operand<TFloat32> reached =
        tf.constant(Shape.of(k, 1), DataBuffers.of(reachedMask, true, false));
    Basis basis = fit.basis();
    Operand<TFloat32> reads = basis.nodal() ? null : readMatrix(tf, basis);
    Operand<TFloat32> clampCount = null;
    for (Map.Entry<String, Samples> e : samples.entrySet()) {
      Samples s = e.getValue();
      for (int i = 0; i < stageCount; i++) {
        if (s.means[i] == null) {
          throw new IllegalStateException(
              "continuous batch norm "
                  + e.getKey()
                  + ": expected statistics from all "
                  + stageCount
                  + " stages, found none from stage "
                  + i);
        }
      }
      Operand<TFloat32> newMean = refit(tf, s.mean, s.means, s.momentum, pConst, reached);
      Operand<TFloat32> newVariance =
          refit(tf, s.variance, s.variances, s.momentum, pConst, reached);
      Operand<TFloat32> assigned;
      Operand<TBool> bad;
      if (reads == null) { // nodal: coefficients are values, clamp them
        bad = tf.math.lessEqual(newVariance, tf.constant(0f));
        Operand<TFloat32> floor = tf.fill(tf.shape(newVariance), tf.constant(VARIANCE_FLOOR));
        assigned = tf.select(bad, floor, newVariance);
      } else { // legendre: keep the coefficients, count the stage reads the inference floor lifts
        bad = tf.math.lessEqual(tf.linalg.matMul(reads, newVariance), tf.constant(0f));
        assigned = newVariance;
      }
      Operand<TFloat32> count =
          tf.sum(tf.dtypes.cast(bad, TFloat32.class), tf.constant(new int[] {0, 1}));
      clampCount = clampCount == null ? count : tf.math.add(clampCount, count);
      ctx.addUpdate(tf.assign(s.mean, newMean));
      ctx.addUpdate(tf.assign(s.variance, assigned));
    }
    Variable<TFloat32> counter =
        ctx.registry()
            .variable(
                block.name() + "/variance_clamps",
                VariableKind.STATE,
                new long[0],
                org.odenet4j.layers.Initializers.zeros());
    ctx.addUpdate(tf.assignAdd(counter, clampCount));
  }

  /**
   * Φ of the distinct stage reads, [D, K], as a constant (see {@link VarianceFloor#readMatrix}).
   */
  private Operand<TFloat32> readMatrix(Ops tf, Basis basis) {
    double[][] phi = VarianceFloor.readMatrix(basis, fit.points());
    int k = basis.size();
    float[] flat = new float[phi.length * k];
    for (int d = 0; d < phi.length; d++) {
      for (int j = 0; j < k; j++) {
        flat[d * k + j] = (float) phi[d][j];
      }
    }
    return tf.constant(Shape.of(phi.length, k), DataBuffers.of(flat, true, false));
  }

  private static Operand<TFloat32> refit(
      Ops tf,
      Variable<TFloat32> old,
      Operand<TFloat32>[] stageValues,
      double momentum,
      Operand<TFloat32> p,
      Operand<TFloat32> reached) {
    List<Operand<TFloat32>> list = new ArrayList<>(List.of(stageValues));
    Operand<TFloat32> stacked = tf.stack(list); // [S, C]
    Operand<TFloat32> fitted = tf.linalg.matMul(p, stacked); // [K, C]
    Operand<TFloat32> ema =
        tf.math.add(
            tf.math.mul(old, tf.constant((float) momentum)),
            tf.math.mul(fitted, tf.constant((float) (1.0 - momentum))));
    // unreached rows keep their value
    return tf.math.add(
        tf.math.mul(reached, ema), tf.math.mul(tf.math.sub(tf.constant(1f), reached), old));
  }
}
