package org.odenet4j.compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.VarianceFloor;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Re-estimates every BatchNorm running statistic of a compressed model on a few unlabelled input
 * batches. This goes beyond the paper, whose compression keeps the projected statistics, and is off
 * by default. It covers the ODE blocks' continuous-in-depth coefficients and the plain layers'
 * statistics, because a changed block also shifts the inputs of the layers after it.
 *
 * <p>An inference-only export cannot update statistics, so the target model spec is built again in
 * training mode. Only its state updates run: the continuous-BN refits and the EMAs. Those apply s'
 * = m·s + (1 − m)·u, where u is the batch's estimate (for a block, the least-squares fit of its
 * stage statistics onto the basis). The momentum m is measured per entry: the first batch is run
 * twice, from s and from s + 1024. So s' gives u = (s' − m·s)/(1 − m) exactly. The new statistics
 * are the plain average of u over the batches, as if the momentum were reset and no earlier
 * estimate weighed in. Entries that no stage reaches (m = 1) keep their value. A variance ≤ 0 is
 * clamped to {@link ProjectedModel#VARIANCE_FLOOR} where a value is a variance: plain layers'
 * statistics and the coefficients of nodal block bases. A legendre block's variance coefficients
 * are kept as estimated (see {@link VarianceFloor}; its graph floors the stage reads). The
 * parameters are not changed.
 *
 * <p>The training-mode graph refits block statistics by a point fit onto the basis, so a block
 * whose stage design is rank deficient (e.g. legendre:8 with 4 Euler steps) cannot be recalibrated;
 * building it fails with the point fit's message.
 */
public final class BatchNormRecalibration {
  private static final float OFFSET = 1024f;

  private BatchNormRecalibration() {}

  /**
   * Re-estimates the statistics of {@code model} (in place) on {@code batches}; returns the number
   * of batches used.
   */
  public static int run(ModelSpec spec, ProjectedModel model, List<? extends Tensor> batches) {
    if (batches.isEmpty()) {
      return 0;
    }
    Map<String, Tensor> values = model.values();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<?> input = Models.input(tf, spec);
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "recalibrate");
      Models.build(ctx, spec, input);
      List<Op> updates = new ArrayList<>(ctx.updates());
      Ops load = tf.withSubScope("recalibrate_load");
      Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
      Map<String, Op> assigns = new LinkedHashMap<>();
      for (ModelVariable v : registry.all()) {
        Placeholder<TFloat32> p =
            load.placeholder(TFloat32.class, Placeholder.shape(Shape.of(v.shape())));
        feeds.put(v.name(), p);
        assigns.put(v.name(), load.assign(v.variable(), p));
      }
      // the statistics: state variables the compressed model has (training-only counters are not
      // among them)
      List<ModelVariable> stats =
          registry.state().stream().filter(v -> values.containsKey(v.name())).toList();
      try (Session s = new Session(g)) {
        loadAll(s, registry, values, feeds, assigns);
        float[][] current = new float[stats.size()][];
        for (int i = 0; i < stats.size(); i++) {
          current[i] = floats((TFloat32) values.get(stats.get(i).name()));
        }
        float[][] first =
            step(s, stats, feeds, assigns, updates, input, batches.get(0), current, 0f);
        float[][] shifted =
            step(s, stats, feeds, assigns, updates, input, batches.get(0), current, OFFSET);
        double[][] momentum = new double[stats.size()][];
        double[][] mean = new double[stats.size()][];
        for (int i = 0; i < stats.size(); i++) {
          momentum[i] = new double[current[i].length];
          mean[i] = new double[current[i].length];
          for (int e = 0; e < current[i].length; e++) {
            momentum[i][e] = ((double) shifted[i][e] - first[i][e]) / OFFSET;
            mean[i][e] = estimate(first[i][e], current[i][e], momentum[i][e]);
          }
        }
        for (int b = 1; b < batches.size(); b++) {
          float[][] state = toFloats(mean);
          float[][] next =
              step(s, stats, feeds, assigns, updates, input, batches.get(b), state, 0f);
          for (int i = 0; i < stats.size(); i++) {
            for (int e = 0; e < mean[i].length; e++) {
              double u = estimate(next[i][e], state[i][e], momentum[i][e]);
              mean[i][e] += (u - mean[i][e]) / (b + 1);
            }
          }
        }
        Map<String, OdeBlockInfo> blocks = new LinkedHashMap<>();
        OdeBlocks.of(registry).all().forEach(b -> blocks.put(b.name(), b));
        for (int i = 0; i < stats.size(); i++) {
          ModelVariable v = stats.get(i);
          if (v.name().endsWith("variance")) {
            floor(v, blocks.get(v.block()), mean[i]);
          }
          float[] f = new float[mean[i].length];
          for (int e = 0; e < f.length; e++) {
            f[e] = (float) mean[i][e];
          }
          model.replace(
              v.name(), TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(f, true, false)));
        }
      }
    }
    return batches.size();
  }

  /**
   * Keeps a re-estimated variance positive, in place, by {@link VarianceFloor}'s rule: values of a
   * plain layer and nodal block coefficients are clamped; a non-nodal (legendre) block's
   * coefficients stay as they are, since its graph floors the stage reads. Recalibrated values are
   * not counted in the report's {@code variance_clamps}, which describes the projection.
   */
  private static void floor(ModelVariable v, OdeBlockInfo block, double[] values) {
    if (v.block() != null && block == null) {
      throw new IllegalStateException(
          "recalibrate BN: variable "
              + v.name()
              + ": expected its ODE block "
              + v.block()
              + " to be registered, found none");
    }
    if (v.block() == null || block.spec().basis().nodal()) {
      VarianceFloor.clampValues(values);
    }
  }

  /** u = (s' − m·s)/(1 − m); s itself where nothing updates the entry (m ≈ 1). */
  private static double estimate(float updated, float old, double m) {
    if (m > 1 - 1e-4) {
      return old;
    }
    return (updated - m * old) / (1 - m);
  }

  private static void loadAll(
      Session s,
      ParameterRegistry registry,
      Map<String, Tensor> values,
      Map<String, Placeholder<TFloat32>> feeds,
      Map<String, Op> assigns) {
    Session.Runner r = s.runner();
    List<Tensor> zeros = new ArrayList<>();
    try {
      for (ModelVariable v : registry.all()) {
        Tensor t = values.get(v.name());
        if (t == null) { // e.g. a training-only counter
          t = TFloat32.tensorOf(Shape.of(v.shape()));
          zeros.add(t);
        } else if (!(t instanceof TFloat32) || !t.shape().equals(Shape.of(v.shape()))) {
          throw new IllegalArgumentException(
              "recalibrate BN: variable "
                  + v.name()
                  + ": expected float32 "
                  + Shape.of(v.shape())
                  + ", found "
                  + t.shape());
        }
        r.feed(feeds.get(v.name()), t).addTarget(assigns.get(v.name()));
      }
      r.run().close();
    } finally {
      zeros.forEach(Tensor::close);
    }
  }

  /**
   * Sets the statistics to {@code state + offset}, runs the state updates on one batch, returns the
   * updated statistics.
   */
  private static float[][] step(
      Session s,
      List<ModelVariable> stats,
      Map<String, Placeholder<TFloat32>> feeds,
      Map<String, Op> assigns,
      List<Op> updates,
      Operand<?> input,
      Tensor batch,
      float[][] state,
      float offset) {
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner set = s.runner();
      for (int i = 0; i < stats.size(); i++) {
        float[] v = state[i].clone();
        for (int e = 0; e < v.length; e++) {
          v[e] += offset;
        }
        TFloat32 t =
            TFloat32.tensorOf(Shape.of(stats.get(i).shape()), DataBuffers.of(v, true, false));
        owned.add(t);
        set.feed(feeds.get(stats.get(i).name()), t).addTarget(assigns.get(stats.get(i).name()));
      }
      set.run().close();
    } finally {
      owned.forEach(Tensor::close);
    }
    Session.Runner run = s.runner().feed(input, batch);
    updates.forEach(run::addTarget);
    run.run().close();
    Session.Runner fetch = s.runner();
    stats.forEach(v -> fetch.fetch(v.name()));
    float[][] out = new float[stats.size()][];
    try (Result r = fetch.run()) {
      for (int i = 0; i < stats.size(); i++) {
        out[i] = floats((TFloat32) r.get(i));
      }
    }
    return out;
  }

  private static float[][] toFloats(double[][] d) {
    float[][] f = new float[d.length][];
    for (int i = 0; i < d.length; i++) {
      f[i] = new float[d[i].length];
      for (int e = 0; e < f[i].length; e++) {
        f[i][e] = (float) d[i][e];
      }
    }
    return f;
  }

  private static float[] floats(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
