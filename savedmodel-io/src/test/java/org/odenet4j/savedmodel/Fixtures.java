package org.odenet4j.savedmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Tiny models and a live "training" graph for export tests. */
final class Fixtures {
  private Fixtures() {}

  static ImageModelSpec image() {
    return ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("piecewise_constant:2", 2));
  }

  static TaggerModelSpec tagger() {
    return new TaggerModelSpec(
        12, 3, 5, 8, 2, 8, "elu", OdeBlockSpec.of("piecewise_constant:2", 2));
  }

  /**
   * A training graph (train + serve heads, initialised variables) with non-trivial running
   * statistics.
   */
  static final class Live implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final ParameterRegistry registry = ParameterRegistry.initialized(tf, 7);
    final Placeholder<? extends TType> input;
    final ClassifierOutputs serve;
    final Session session;

    Live(org.odenet4j.models.ModelSpec spec) {
      input = Models.input(tf, spec);
      Models.build(LayerContext.root(registry, Mode.TRAIN, "train"), spec, input);
      serve = Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, input);
      session = new Session(graph);
      SplittableRandom r = new SplittableRandom(11);
      List<Op> sets = new ArrayList<>();
      Ops set = tf.withSubScope("set_state");
      for (ModelVariable v : registry.state()) {
        float[] vals = new float[(int) v.size()];
        for (int i = 0; i < vals.length; i++) {
          vals[i] = (float) (0.5 + r.nextDouble());
        }
        sets.add(
            set.assign(
                v.variable(),
                set.constant(Shape.of(v.shape()), DataBuffers.of(vals, true, false))));
      }
      Session.Runner runner = session.runner();
      sets.forEach(runner::addTarget);
      if (sets.isEmpty()) {
        session.initialize(); // a tagger has no running statistics
      } else {
        runner.run().close();
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  /**
   * The variables of the spec's inference graph (the training head has a few more, e.g. variance
   * clamps).
   */
  static List<ModelVariable> inferenceVariables(org.odenet4j.models.ModelSpec spec) {
    try (Graph g = new Graph()) {
      ParameterRegistry r = ParameterRegistry.empty(Ops.create(g));
      ModelExport.of(spec).build(r.ops(), r);
      return r.all();
    }
  }

  static TFloat32 images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n * 8 * 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(n, 8, 8, 1), DataBuffers.of(v, true, false));
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
