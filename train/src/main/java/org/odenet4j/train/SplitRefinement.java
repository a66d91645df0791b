package org.odenet4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.Refinement;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * One split of refinement training: every ODE block's basis is refined exactly ({@link Refinement}:
 * piecewise_constant K → 2K, fem_linear K → 2K − 1, …) and its step count doubles; every
 * coefficient tensor, parameters and running statistics alike, is carried over by the refinement
 * map, so θ(t) is unchanged at every depth; other variables are copied; optimizer slots are not
 * carried (the momenta are reset, as in the reference).
 */
public final class SplitRefinement {
  private SplitRefinement() {}

  /** One block after one split: refined basis, doubled steps. */
  public static OdeBlockSpec refine(OdeBlockSpec block) {
    return refineBasisOnly(block).withSteps(2 * block.steps());
  }

  /** A block's spec after {@code splits} splits, applied in turn (the identity for 0). */
  public static UnaryOperator<OdeBlockSpec> splits(int splits) {
    return spec -> {
      OdeBlockSpec s = spec;
      for (int i = 0; i < splits; i++) {
        s = refine(s);
      }
      return s;
    };
  }

  /**
   * One block with its basis refined and its step count kept (same graph depth; outputs identical).
   */
  public static OdeBlockSpec refineBasisOnly(OdeBlockSpec block) {
    return block.withBasis(block.basis().refined());
  }

  /** The spec after one split: refined bases, doubled steps. */
  public static ModelSpec refine(ModelSpec spec) {
    return spec.mapBlocks(SplitRefinement::refine);
  }

  /**
   * The spec with refined bases and unchanged step counts (same graph depth; outputs identical).
   */
  public static ModelSpec refineBasisOnly(ModelSpec spec) {
    return spec.mapBlocks(SplitRefinement::refineBasisOnly);
  }

  /** Carries a snapshot over to the refined bases of the given blocks (block name → old spec). */
  public static VariableSnapshot refine(
      VariableSnapshot snapshot, Map<String, OdeBlockSpec> blocks) {
    Map<String, VariableSnapshot.Entry> out = new LinkedHashMap<>();
    for (Map.Entry<String, VariableSnapshot.Entry> e : snapshot.entries().entrySet()) {
      VariableSnapshot.Entry entry = e.getValue();
      if (entry.block() == null) {
        out.put(e.getKey(), entry);
        continue;
      }
      OdeBlockSpec spec = blocks.get(entry.block());
      if (spec == null) {
        throw new IllegalArgumentException(
            "refinement: expected a spec for block "
                + entry.block()
                + " of variable "
                + e.getKey()
                + ", found none");
      }
      Basis basis = spec.basis();
      ChangeOfBasis map = Refinement.of(basis);
      int trailing = entry.values().length / basis.size();
      double[] in = new double[entry.values().length];
      for (int i = 0; i < in.length; i++) {
        in[i] = entry.values()[i];
      }
      double[] refined = map.apply(in, trailing);
      float[] values = new float[refined.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) refined[i];
      }
      long[] shape = entry.shape().clone();
      shape[0] = map.to().size();
      out.put(e.getKey(), new VariableSnapshot.Entry(shape, values, entry.block()));
    }
    return new VariableSnapshot(out);
  }
}
