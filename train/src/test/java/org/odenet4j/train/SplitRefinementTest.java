package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A split carries every coefficient (parameters and running statistics) to the refined basis so
 * that θ(t) is unchanged: with the step count kept, the refined model reads exactly the same
 * weights and statistics at every stage, so its inference outputs equal the original's.
 */
class SplitRefinementTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"piecewise_constant:2", "fem_linear:3", "piecewise_linear:2", "legendre:2"})
  void refinedModelComputesTheSameFunction(String basis) {
    ImageModelSpec spec =
        ImageModelSpec.of(
            8,
            8,
            1,
            2,
            3,
            new OdeBlockSpec(basis, 3, "midpoint", 1.0, CoefficientInit.INDEPENDENT));
    float[] images = new float[4 * 8 * 8];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    VariableSnapshot snapshot;
    Map<String, OdeBlockSpec> blocks = new LinkedHashMap<>();
    float[] before;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 11);
      before = infer(s, tf, registry, spec, images);
      snapshot = VariableSnapshot.capture(s, registry);
      for (OdeBlockInfo b : OdeBlocks.of(registry).all()) {
        blocks.put(b.name(), b.spec());
      }
    }
    // make the running statistics non-trivial so the test also covers state coefficients
    Map<String, VariableSnapshot.Entry> entries = new LinkedHashMap<>(snapshot.entries());
    entries.replaceAll(
        (name, e) ->
            name.endsWith("moving_variance") || name.endsWith("moving_mean")
                ? perturb(e, random)
                : e);
    snapshot = new VariableSnapshot(entries);
    VariableSnapshot refined = SplitRefinement.refine(snapshot, blocks);
    ModelSpec fine = SplitRefinement.refineBasisOnly(spec);
    assertThat(fine.odeBlocks().get(0).basis().size())
        .isGreaterThan(spec.blocks().get(0).basis().size());
    float[] original;
    float[] after;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      original = inferWith(s, tf, registry, spec, images, snapshot);
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      after = inferWith(s, tf, registry, fine, images, refined);
    }
    assertThat(before).isNotEmpty();
    for (int i = 0; i < original.length; i++) {
      assertThat(after[i]).isCloseTo(original[i], org.assertj.core.api.Assertions.within(2e-6f));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"piecewise_constant:2", "fem_linear:3"})
  void fullSplitDoublesStepsAndRefinesTheBasis(String basis) {
    ImageModelSpec spec = ImageModelSpec.of(8, 8, 1, 2, 3, OdeBlockSpec.of(basis, 2));
    ModelSpec refined = SplitRefinement.refine(spec);
    OdeBlockSpec b = refined.odeBlocks().get(0);
    assertThat(b.steps()).isEqualTo(4);
    assertThat(b.basis()).isEqualTo(spec.blocks().get(0).basis().refined());
  }

  private static VariableSnapshot.Entry perturb(VariableSnapshot.Entry e, SplittableRandom random) {
    float[] v = e.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) (0.5 * random.nextDouble());
    }
    return new VariableSnapshot.Entry(e.shape(), v, e.block());
  }

  private static float[] infer(
      Session s, Ops tf, ParameterRegistry registry, ModelSpec spec, float[] images) {
    @SuppressWarnings("unchecked")
    Placeholder<TFloat32> x = (Placeholder<TFloat32>) Models.input(tf, spec);
    ClassifierOutputs out = Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, x);
    return run(s, x, out, images);
  }

  private static float[] inferWith(
      Session s,
      Ops tf,
      ParameterRegistry registry,
      ModelSpec spec,
      float[] images,
      VariableSnapshot values) {
    @SuppressWarnings("unchecked")
    Placeholder<TFloat32> x = (Placeholder<TFloat32>) Models.input(tf, spec);
    ClassifierOutputs out = Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, x);
    values.restore(s, registry);
    return run(s, x, out, images);
  }

  private static float[] run(
      Session s, Placeholder<TFloat32> x, ClassifierOutputs out, float[] images) {
    try (TFloat32 in =
            TFloat32.tensorOf(Shape.of(4, 8, 8, 1), DataBuffers.of(images, true, false));
        Result r = s.runner().feed(x, in).fetch(out.logits()).run()) {
      float[] logits = new float[12];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(logits, false, false));
      return logits;
    }
  }

  @SuppressWarnings("unused")
  private static List<String> names(VariableSnapshot s) {
    return List.copyOf(s.entries().keySet());
  }
}
