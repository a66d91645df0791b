package org.odenet4j.ode;

import java.util.Arrays;
import java.util.Map;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.basis.PointFit;
import org.odenet4j.integrate.StageTimes;
import org.odenet4j.layers.Layer;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.ops.Unroller;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * An ODE block: h(1) for dh/dt = ε·R(θ(t), h), h(0) = x, with R any {@link Layer} (the rate unit)
 * and θ(t) = Σₖ φₖ(t)·Cₖ for every parameter R asks for. The block installs a parameter source for
 * each stage, so R's own code, unchanged, reads θ(tᵢ) instead of a plain variable and its
 * BatchNorms become continuous in depth.
 *
 * <p>With Euler, piecewise_constant:N, N steps and ε = N, the block is exactly an N-unit residual
 * network h ← h + R_n(h) with unit n's weights in coefficient n.
 *
 * <p>Use as a layer: {@code new OdeBlock(unit, spec).apply(ctx.child("block"), x)}.
 *
 * @param rate R
 *     <p>The block is built with the spec its graph's {@link Discretisation} gives (refined during
 *     refinement training, the trained one on export); {@code spec} is the declared one.
 * @param spec the declared basis, steps, scheme, ε
 */
public record OdeBlock(Layer rate, OdeBlockSpec spec) implements Layer {

  /**
   * A block of {@code rate} declared with {@code basis} (e.g. {@code piecewise_constant:2}) and
   * {@code steps} Euler steps.
   */
  public static OdeBlock of(Layer rate, String basis, int steps) {
    return new OdeBlock(rate, OdeBlockSpec.of(basis, steps));
  }

  /**
   * Builds the block with the spec its graph's {@link Discretisation} gives for {@code ctx.path()}
   * ({@link OdeBlocks#specOf}): {@link #spec()} unless a trainer or an export says otherwise.
   */
  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    OdeBlockSpec current = OdeBlocks.of(ctx.registry()).specOf(ctx.path(), this.spec);
    OdeBlockInfo info = new OdeBlockInfo(ctx.path(), current);
    OdeBlocks.of(ctx.registry()).register(info);
    Basis basis = current.basis();
    StageTimes times = current.stageTimes();
    // Only training refits the statistics, so only training needs (and checks) the point fit; an
    // inference graph reads coefficients at the stage depths whatever the rank of the design.
    ContinuousBatchNorm statistics = ctx.training() ? new ContinuousBatchNorm(info, times) : null;
    int[] unreached =
        PointFit.unreachedBy(basis, times.nodes()); // the same for both heads (PointFitTest)
    if (unreached.length > 0) {
      String what =
          current.steps()
              + " "
              + current.scheme()
              + " steps reach no stage in basis functions "
              + Arrays.toString(unreached)
              + " of "
              + current.basis();
      ctx.registry()
          .warn(
              "ODE block "
                  + info.name()
                  + ": "
                  + what
                  + "; their coefficients are never used by this graph and their running statistics are never updated",
              what
                  + " (every block with this setting): "
                  + unreached.length
                  + " of "
                  + basis.size()
                  + " coefficient sets are stored but never read; "
                  + advice(basis, times));
    }
    Map<StageParameterSource.ReadKey, Operand<TFloat32>> reads =
        StageParameterSource.newReadCache();
    Operand<TFloat32> out =
        Unroller.integrate(
            ctx.tf(),
            x,
            times,
            current.epsilon(),
            (stage, xi) ->
                rate.apply(
                    ctx.withSource(new StageParameterSource(info, basis, stage, reads, statistics)),
                    xi));
    if (ctx.training()) {
      statistics.emitUpdates(ctx);
    }
    return out;
  }

  /**
   * What to do about unreached basis functions: the largest basis of the family the stages reach.
   */
  private static String advice(Basis basis, StageTimes times) {
    for (int k = basis.size() - 1; k >= 1; k--) {
      Basis smaller;
      try {
        smaller = new BasisSpec(basis.family(), k).basis();
      } catch (IllegalArgumentException notAValidSize) {
        continue; // e.g. odd K for piecewise_linear
      }
      if (PointFit.unreachedBy(smaller, times.nodes()).length == 0) {
        String target = basis.family() + ":" + k;
        return "'--basis "
            + target
            + "' stores only what these steps read (or 'odenet compress --basis "
            + target
            + "' for a trained model), or give at least "
            + basis.size()
            + " steps";
      }
    }
    return "give at least " + basis.size() + " steps";
  }
}
