package org.odenet4j.compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.L2Error;
import org.odenet4j.basis.VarianceFloor;
import org.odenet4j.savedmodel.Manifest;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The compressed model's variable values, in memory: every coefficient tensor of every ODE block
 * (parameters and running statistics) mapped to its target basis in double precision, and every
 * other variable the source's own tensor, so its bits are unchanged. Owns the tensors it created:
 * close it.
 *
 * <p>Running variances (state variables whose name ends in {@code variance}) must stay positive;
 * the rule is {@link VarianceFloor}'s, the same as in training. L2 projection with signed weights
 * (onto fem_linear or piecewise_linear, or from legendre) can make a coefficient of a nodal target
 * ≤ 0: it is clamped to {@value #VARIANCE_FLOOR} and counted per block (coefficient positivity is
 * θ(t) > 0 everywhere for the nodal bases; piecewise_constant → piecewise_constant projection
 * averages and never clamps). A legendre target's coefficients are never changed: its signed
 * coefficients k ≥ 1 are what a depth-varying positive variance looks like, and the target graph
 * reads max(σ²(tᵢ), {@value #VARIANCE_FLOOR}). Its count is the (distinct stage read, channel)
 * pairs of the target's stage depths where the mapped σ²(tᵢ), evaluated in double, is ≤ 0, i.e.
 * where that floor takes effect; this is counted for an unchanged legendre basis too, since the
 * target's stage depths may differ from the source's.
 */
public final class ProjectedModel implements AutoCloseable {
  /**
   * The floor of a running variance: clamped nodal coefficients and floored legendre stage reads
   * take this value.
   */
  public static final float VARIANCE_FLOOR = VarianceFloor.FLOOR;

  /** The error of an unchanged basis: zero (the norm is not computed). */
  private static final L2Error UNCHANGED = new L2Error(0, 0);

  private final Map<String, Tensor> values;
  private final List<Tensor> owned;
  private final List<BlockResult> blocks;
  private final List<WeightTrace> traces;

  /**
   * What happened to one block.
   *
   * @param change source and target discretisations
   * @param parametersBefore scalars of the block's parameter variables before
   * @param parametersAfter after
   * @param stateBefore scalars of its running-statistic variables before
   * @param stateAfter after
   * @param parameterError exact L2 error of the block's parameter function (all parameter tensors
   *     together); (0, 0) when the basis does not change
   * @param stateError the same for its running statistics as published: measured after nodal
   *     variance coefficients are clamped to {@link #VARIANCE_FLOOR} (a legendre target's
   *     coefficients are never changed; its floor acts on the graph's stage reads only)
   * @param varianceClamps variance values floored at {@link #VARIANCE_FLOOR}: clamped coefficients
   *     for a nodal target basis, (stage read, channel) pairs with σ²(tᵢ) ≤ 0 for a legendre one
   */
  public record BlockResult(
      BlockChange change,
      long parametersBefore,
      long parametersAfter,
      long stateBefore,
      long stateAfter,
      L2Error parameterError,
      L2Error stateError,
      long varianceClamps) {}

  private ProjectedModel(
      Map<String, Tensor> values,
      List<Tensor> owned,
      List<BlockResult> blocks,
      List<WeightTrace> traces) {
    this.values = values;
    this.owned = owned;
    this.blocks = blocks;
    this.traces = traces;
  }

  /**
   * Maps the source's block coefficients with each change's operator.
   *
   * @param traces how many scalar weights of the first block's parameters to keep as {@link
   *     WeightTrace}s (those that vary most over depth), for plots
   */
  public static ProjectedModel of(SourceModel source, List<BlockChange> changes, int traces) {
    Map<String, Tensor> values = new LinkedHashMap<>(source.values());
    List<Tensor> owned = new ArrayList<>();
    List<BlockResult> results = new ArrayList<>();
    List<WeightTrace> weightTraces = new ArrayList<>();
    try {
      for (BlockChange change : changes) {
        ChangeOfBasis map = change.map();
        boolean identity = !change.changesBasis();
        ExactError paramError = identity ? null : new ExactError(map);
        ExactError stateError = identity ? null : new ExactError(map);
        long[] counts = new long[4];
        long clamps = 0;
        List<Basis.Node> targetReads = change.target().stageTimes().nodes();
        for (Manifest.BlockVariable v : source.block(change.name()).variables()) {
          boolean parameter = Manifest.PARAMETER.equals(v.kind());
          int trailing = SourceModel.trailing(v.shape());
          int ka = map.from().size();
          int kb = map.to().size();
          counts[parameter ? 0 : 2] += (long) ka * trailing;
          counts[parameter ? 1 : 3] += (long) kb * trailing;
          boolean variance = !parameter && v.name().endsWith("variance");
          if (identity) {
            if (variance
                && !map.to()
                    .nodal()) { // values unchanged; count where the target's reads are floored
              clamps +=
                  VarianceFloor.nonPositiveReads(
                      map.to(), source.doubles(v.name()), trailing, targetReads);
            }
            continue; // same basis: the source's tensor, bit for bit; zero error
          }
          double[] a = source.doubles(v.name());
          double[] b = map.apply(a, trailing);
          if (variance) {
            clamps +=
                VarianceFloor.apply(
                    map.to(), b, trailing, targetReads); // in place for nodal targets only
          }
          // after the clamp: the error of the statistics as published
          (parameter ? paramError : stateError).add(a, b, trailing);
          float[] f = new float[b.length];
          for (int i = 0; i < b.length; i++) {
            f[i] = (float) b[i];
          }
          long[] shape = new long[v.shape().size()];
          for (int i = 0; i < shape.length; i++) {
            shape[i] = v.shape().get(i);
          }
          shape[0] = kb;
          TFloat32 t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(f, true, false));
          owned.add(t);
          values.put(v.name(), t);
          if (parameter && results.isEmpty() && traces > 0) {
            weightTraces.addAll(WeightTrace.select(v.name(), map, a, b, trailing, traces));
          }
        }
        if (identity && traces > 0 && results.isEmpty()) {
          for (Manifest.BlockVariable v :
              source.blockVariables(change.name(), Manifest.PARAMETER)) {
            double[] a = source.doubles(v.name());
            weightTraces.addAll(
                WeightTrace.select(v.name(), map, a, a, SourceModel.trailing(v.shape()), traces));
          }
        }
        results.add(
            new BlockResult(
                change,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                identity ? UNCHANGED : paramError.result(),
                identity ? UNCHANGED : stateError.result(),
                clamps));
      }
    } catch (RuntimeException | Error e) {
      owned.forEach(Tensor::close);
      throw e;
    }
    // the first block's most depth-varying weights, over all its parameter tensors
    List<WeightTrace> chosen =
        weightTraces.stream()
            .sorted(java.util.Comparator.comparingDouble(WeightTrace::variation).reversed())
            .limit(traces)
            .toList();
    return new ProjectedModel(values, owned, List.copyOf(results), chosen);
  }

  /**
   * Every variable's value by name: mapped tensors for block variables, the source's own for the
   * rest.
   */
  public Map<String, Tensor> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /**
   * Replaces a variable's value (e.g. recalibrated statistics); this model takes ownership of
   * {@code tensor}.
   */
  void replace(String name, Tensor tensor) {
    if (!values.containsKey(name)) {
      tensor.close();
      throw new IllegalArgumentException(
          "variable: expected one of the model's variables, found '" + name + "'");
    }
    owned.add(tensor);
    values.put(name, tensor);
  }

  /** Per block, in build order. */
  public List<BlockResult> blocks() {
    return blocks;
  }

  /** A few weights' coefficients before and after, for plots. */
  public List<WeightTrace> traces() {
    return traces;
  }

  @Override
  public void close() {
    owned.forEach(Tensor::close);
    owned.clear();
  }
}
