package org.odenet4j.ode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.Term;
import org.odenet4j.basis.VarianceFloor;
import org.odenet4j.integrate.Stage;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.Initializer;
import org.odenet4j.layers.Initializers;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.ParameterSource;
import org.odenet4j.layers.RunningStatistics;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.ops.BasisOps;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The parameter source inside an ODE block at one stage: every parameter {@code p} of shape S is a
 * coefficient variable of shape [K, S] read as θ(tᵢ); every running statistic is a [K, C] state
 * coefficient read as s(tᵢ) in inference and reported to the block's {@link ContinuousBatchNorm} in
 * training (an inference head has none). Reads with the same non-zero terms are shared across
 * stages (e.g. the two mid-step stages of RK4, or all stages of a step for piecewise_constant). For
 * a non-nodal basis (legendre) the running variance is read as max(σ²(tᵢ), 1e-5), since its
 * coefficients are signed and are not clamped (see {@link VarianceFloor}).
 */
final class StageParameterSource implements ParameterSource {
  private final OdeBlockInfo block;
  private final Basis basis;
  private final Stage stage;
  private final Map<ReadKey, Operand<TFloat32>> reads;
  private final ContinuousBatchNorm statistics;

  record ReadKey(String variable, List<Term> terms) {}

  StageParameterSource(
      OdeBlockInfo block,
      Basis basis,
      Stage stage,
      Map<ReadKey, Operand<TFloat32>> reads,
      ContinuousBatchNorm statistics) {
    this.block = block;
    this.basis = basis;
    this.stage = stage;
    this.reads = reads;
    this.statistics = statistics;
  }

  static Map<ReadKey, Operand<TFloat32>> newReadCache() {
    return new HashMap<>();
  }

  @Override
  public Operand<TFloat32> parameter(
      LayerContext ctx, String name, long[] shape, Initializer init) {
    ctx.registry()
        .coefficients(
            name, VariableKind.PARAMETER, block.name(), basis, shape, init, block.spec().init());
    return read(ctx, name, ctx.registry().read(name));
  }

  @Override
  public RunningStatistics runningStatistics(
      LayerContext ctx, String name, int channels, double momentum) {
    long[] shape = {channels};
    String meanName = name + "/moving_mean";
    String varianceName = name + "/moving_variance";
    Variable<TFloat32> mean =
        ctx.registry()
            .coefficients(
                meanName,
                VariableKind.STATE,
                block.name(),
                basis,
                shape,
                Initializers.zeros(),
                CoefficientInit.IDENTICAL);
    Variable<TFloat32> variance =
        ctx.registry()
            .coefficients(
                varianceName,
                VariableKind.STATE,
                block.name(),
                basis,
                shape,
                Initializers.ones(),
                CoefficientInit.IDENTICAL);
    return new RunningStatistics() {
      @Override
      public Operand<TFloat32> mean() {
        return read(ctx, meanName, mean);
      }

      @Override
      public Operand<TFloat32> variance() {
        if (basis.nodal()) {
          return read(ctx, varianceName, variance); // coefficients ≥ 0 already make σ²(t) ≥ 0
        }
        // non-nodal (legendre): signed coefficients are kept, positivity is imposed on the read
        return read(
            ctx,
            varianceName,
            variance,
            v -> ctx.tf().math.maximum(v, ctx.tf().constant(VarianceFloor.FLOOR)));
      }

      @Override
      public void observe(Operand<TFloat32> batchMean, Operand<TFloat32> batchVariance) {
        if (statistics == null) {
          throw new IllegalStateException(
              "ODE block "
                  + block.name()
                  + ": expected a training head to observe batch statistics of "
                  + name
                  + ", found an inference head");
        }
        statistics.observe(name, mean, variance, momentum, stage, batchMean, batchVariance);
      }
    };
  }

  private Operand<TFloat32> read(LayerContext ctx, String name, Operand<TFloat32> coefficients) {
    return read(ctx, name, coefficients, UnaryOperator.identity());
  }

  /**
   * θ(t) of the stage, built once per distinct read and shared by every stage that makes it; {@code
   * then} is applied once.
   */
  private Operand<TFloat32> read(
      LayerContext ctx,
      String name,
      Operand<TFloat32> coefficients,
      UnaryOperator<Operand<TFloat32>> then) {
    List<Term> terms = basis.terms(stage.t(), stage.side());
    return reads.computeIfAbsent(
        new ReadKey(name, terms),
        key -> then.apply(BasisOps.combine(ctx.tf(), coefficients, basis, terms)));
  }
}
