package org.odenet4j.compression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.L2Error;
import org.odenet4j.basis.PiecewiseConstantBasis;
import org.odenet4j.basis.PiecewiseLinearBasis;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Manifest;

/**
 * What to compress to: a target for every ODE block ({@code all}), per-block overrides by name, the
 * method, and optionally a tolerance. Immutable; {@code with…} methods return a new plan.
 *
 * <p><b>Tolerance.</b> With a tolerance r, each block's K is chosen as the smallest candidate whose
 * relative L2 error ‖θ_A − θ_B‖ / ‖θ_A‖ over all of the block's parameter tensors together is ≤ r.
 * The error is exact (integrated from the basis functions, no data). The family comes from the
 * block's target (or the source), and its K is the upper bound. Candidates are the divisors of K_A
 * for piecewise_constant → piecewise_constant (nested spaces, so the error decreases with K).
 * Otherwise they are every valid K up to the bound (even K only for piecewise_linear). If no
 * candidate reaches r, resolving fails.
 *
 * @param all the target of every block without an override (null fields keep the source's)
 * @param blocks per-block targets by block name; their fields win over {@code all}'s
 * @param method projection (default) or interpolation
 * @param tolerance r ≥ 0, or null to use the targets' K as given
 */
public record CompressionPlan(
    BlockTarget all, Map<String, BlockTarget> blocks, Method method, Double tolerance) {

  public CompressionPlan {
    all = all == null ? BlockTarget.KEEP : all;
    blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks == null ? Map.of() : blocks));
    method = method == null ? Method.PROJECTION : method;
    if (tolerance != null && !(tolerance >= 0 && Double.isFinite(tolerance))) {
      throw new IllegalArgumentException(
          "tolerance: expected a finite relative error r >= 0, found " + tolerance);
    }
  }

  /** Every block onto {@code basis} ({@code family:K}), keeping N and the scheme. */
  public static CompressionPlan to(String basis) {
    return keep().withAll(new BlockTarget(basis, null, null));
  }

  /** Keeps everything (a K → K copy). */
  public static CompressionPlan keep() {
    return new CompressionPlan(BlockTarget.KEEP, Map.of(), Method.PROJECTION, null);
  }

  public CompressionPlan withAll(BlockTarget target) {
    return new CompressionPlan(target, blocks, method, tolerance);
  }

  public CompressionPlan withBasis(String basis) {
    return withAll(new BlockTarget(basis, all.steps(), all.scheme()));
  }

  public CompressionPlan withSteps(int steps) {
    return withAll(new BlockTarget(all.basis(), steps, all.scheme()));
  }

  public CompressionPlan withScheme(String scheme) {
    return withAll(new BlockTarget(all.basis(), all.steps(), scheme));
  }

  /** Adds (or replaces) the target of one block. */
  public CompressionPlan withBlock(String name, BlockTarget target) {
    Map<String, BlockTarget> m = new LinkedHashMap<>(blocks);
    m.put(name, target);
    return new CompressionPlan(all, m, method, tolerance);
  }

  public CompressionPlan withMethod(Method m) {
    return new CompressionPlan(all, blocks, m, tolerance);
  }

  public CompressionPlan withTolerance(Double r) {
    return new CompressionPlan(all, blocks, method, r);
  }

  /**
   * Each block's change for this source, in build order (with a tolerance: K chosen from the
   * source's coefficients).
   */
  public List<BlockChange> resolve(SourceModel source) {
    for (String name : blocks.keySet()) {
      if (!source.blocks().containsKey(name)) {
        throw new IllegalArgumentException(
            "block "
                + name
                + ": expected one of the source's ODE blocks "
                + source.blocks().keySet()
                + ", found '"
                + name
                + "'");
      }
    }
    List<BlockChange> out = new ArrayList<>();
    for (String name : source.blocks().keySet()) {
      OdeBlockSpec from = source.blockSpec(name);
      BlockTarget target = blocks.getOrDefault(name, BlockTarget.KEEP).orElse(all);
      OdeBlockSpec to;
      try {
        to = target.applyTo(from);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("block " + name + ": " + e.getMessage(), e);
      }
      if (tolerance != null) {
        Basis bound = to.basis();
        to =
            to.withBasis(
                smallestBasis(source, name, from.basis(), bound, method, tolerance).spec());
      }
      out.add(new BlockChange(name, from, to, method));
    }
    return out;
  }

  /** The K candidates for a tolerance search, ascending. */
  static List<Integer> candidates(Basis source, Basis bound) {
    List<Integer> ks = new ArrayList<>();
    boolean nested =
        source.family().equals(PiecewiseConstantBasis.FAMILY)
            && bound.family().equals(PiecewiseConstantBasis.FAMILY);
    for (int k = 1; k <= bound.size(); k++) {
      if (nested && source.size() % k != 0) {
        continue;
      }
      if (bound.family().equals(PiecewiseLinearBasis.FAMILY) && k % 2 != 0) {
        continue;
      }
      ks.add(k);
    }
    if (ks.isEmpty() || ks.get(ks.size() - 1) != bound.size()) {
      ks.add(bound.size()); // the bound itself is always a candidate
    }
    return ks;
  }

  private static Basis smallestBasis(
      SourceModel source, String block, Basis from, Basis bound, Method method, double r) {
    List<Manifest.BlockVariable> params = source.blockVariables(block, Manifest.PARAMETER);
    List<double[]> values = new ArrayList<>();
    for (Manifest.BlockVariable v : params) {
      values.add(source.doubles(v.name()));
    }
    double best = Double.POSITIVE_INFINITY;
    int bestK = -1;
    for (int k : candidates(from, bound)) {
      Basis b = new BasisSpec(bound.family(), k).basis();
      double rel = error(method.between(from, b), params, values).relative();
      if (rel <= r) {
        return b;
      }
      if (rel < best) {
        best = rel;
        bestK = k;
      }
    }
    throw new IllegalArgumentException(
        "tolerance "
            + r
            + ": expected a K <= "
            + bound.size()
            + " of "
            + bound.family()
            + " with relative L2 error <= "
            + r
            + " for block "
            + block
            + ", found none (best "
            + best
            + " at K = "
            + bestK
            + ")");
  }

  /** The exact L2 error of mapping all the given [K_A, …] tensors together. */
  static L2Error error(
      ChangeOfBasis map, List<Manifest.BlockVariable> variables, List<double[]> values) {
    ExactError acc = new ExactError(map);
    for (int i = 0; i < variables.size(); i++) {
      int trailing = SourceModel.trailing(variables.get(i).shape());
      acc.add(values.get(i), map.apply(values.get(i), trailing), trailing);
    }
    return acc.result();
  }
}
