package org.odenet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The independent-route check behind the overhead benchmarks: a {@link HandBuiltResNet} given an
 * {@link org.odenet4j.models.OdeImageClassifier}'s weights computes the same function, so the
 * benchmarks compare the cost of two graphs of one model and nothing else.
 */
class HandBuiltResNetTest {

  /** The benchmark shape (28×28×1, width 16, K = N = 16, ε = N), coefficients all different. */
  @Test
  void inferenceLogitsEqualOdeImageClassifierAtBenchmarkShape() {
    ImageModelSpec spec = OdeModel.spec(16, 16, 16, CoefficientInit.INDEPENDENT);
    try (OdeModel ode = OdeModel.inference(spec, 3)) {
      ode.randomizeAffineAndState(4);
      try (HandBuiltModel hand = HandBuiltModel.inferenceLike(ode)) {
        assertThat(hand.net.units()).containsExactly(16, 16, 16);
        assertThat(hand.net.parameterCount()).isEqualTo(ode.registry.parameterCount());
        float[] x = normal(5, 4 * 28 * 28);
        float[] a = run(ode.session, ode.images, ode.logits, x, 4, spec);
        float[] b = run(hand.session, hand.images, hand.logits, x, 4, spec);
        double delta = maxAbsDiff(a, b);
        System.out.printf(
            "hand-built vs ODE logits (K = N = 16): max|delta| = %.3g, max|logit| = %.3g%n",
            delta, maxAbs(a));
        assertThat(maxAbs(a)).as("logits are not trivial").isGreaterThan(0.1);
        assertThat(delta).isLessThanOrEqualTo(1e-4);
      }
    }
  }

  /**
   * A small model with ε ≠ N (each step multiplies R by ε/N) and a stitch residual scaling ε_s ≠ 1.
   */
  @Test
  void inferenceLogitsEqualWithResidualScalingAndStitchEpsilon() {
    ImageModelSpec spec =
        new ImageModelSpec(
            List.of(8, 8, 2),
            4,
            3,
            "relu",
            List.of(
                block("piecewise_constant:3", 3, 1.0),
                block("piecewise_constant:2", 2, 2.0),
                block("piecewise_constant:4", 4, 2.5)),
            0.25);
    assertEqualLogits(spec);
  }

  /**
   * K ≠ N: with pc:4 and 2 steps unit n holds slice 2n; with pc:2 and 4 steps units 0,1 share slice
   * 0.
   */
  @Test
  void inferenceLogitsEqualWhenStepsDifferFromBasisSize() {
    ImageModelSpec spec =
        new ImageModelSpec(
            List.of(8, 8, 1),
            4,
            3,
            "relu",
            List.of(
                block("piecewise_constant:4", 2, 2.0),
                block("piecewise_constant:2", 4, 4.0),
                block("piecewise_constant:3", 3, 3.0)),
            1.0);
    assertThat(HandBuiltResNet.plan(spec).get(0).slices()).containsExactly(0, 2);
    assertThat(HandBuiltResNet.plan(spec).get(1).slices()).containsExactly(0, 0, 1, 1);
    assertEqualLogits(spec);
  }

  /** The check above can fail: units given the wrong coefficient slices give other logits. */
  @Test
  void shuffledSlicesGiveDifferentLogits() {
    ImageModelSpec spec = ImageModelSpec.of(8, 8, 1, 4, 3, block("piecewise_constant:3", 3, 3.0));
    try (OdeModel ode = OdeModel.inference(spec, 21)) {
      ode.randomizeAffineAndState(22);
      Map<String, float[]> values = HandBuiltResNet.valuesFromOde(spec, ode.values());
      Map<String, float[]> shuffled = new LinkedHashMap<>(values);
      for (String name : values.keySet()) {
        if (name.startsWith("stage2/unit0/")) {
          shuffled.put(name, values.get(name.replace("unit0", "unit1")));
          shuffled.put(name.replace("unit0", "unit1"), values.get(name));
        }
      }
      float[] x = normal(23, 2 * 64);
      float[] a = run(ode.session, ode.images, ode.logits, x, 2, spec);
      try (HandBuiltModel good = HandBuiltModel.inference(spec, values);
          HandBuiltModel bad = HandBuiltModel.inference(spec, shuffled)) {
        assertThat(maxAbsDiff(a, run(good.session, good.images, good.logits, x, 2, spec)))
            .isLessThanOrEqualTo(1e-5);
        assertThat(maxAbsDiff(a, run(bad.session, bad.images, bad.logits, x, 2, spec)))
            .isGreaterThan(1e-3);
      }
    }
  }

  /**
   * One training step of each on the same batch: the same loss; the same momentum accumulators,
   * which after a first step hold exactly g = ∇L + wd·θ (gradients, coupled weight decay); and the
   * same running statistics. The learning rate is 0 so that no step changes a weight while a
   * gradient op still reads it: both graphs read {@code VariableV2}s through aliasing {@code
   * Identity}s and update them in place, so with a non-zero rate an {@code ApplyMomentum} may run
   * before a backward op that reads the same weight (TF1's GATE_NONE), and the results of a step
   * vary from run to run in both graphs.
   */
  @Test
  void oneTrainingStepGivesTheSameLossGradientsAndStatistics() {
    ImageModelSpec spec = ImageModelSpec.of(8, 8, 1, 4, 3, block("piecewise_constant:3", 3, 3.0));
    try (OdeModel ode = OdeModel.training(spec, 31)) {
      ode.randomizeAffineAndState(32);
      Map<String, float[]> before = HandBuiltResNet.valuesFromOde(spec, ode.values());
      try (HandBuiltModel hand = HandBuiltModel.trainingLike(ode)) {
        float[] x = normal(33, 8 * 64);
        int[] y = {0, 1, 2, 0, 1, 2, 2, 1};
        float lossOde;
        float lossHand;
        try (TFloat32 images =
                TFloat32.tensorOf(Shape.of(8, 8, 8, 1), DataBuffers.of(x, true, false));
            TInt32 labels = TInt32.vectorOf(y);
            TFloat32 lr = TFloat32.scalarOf(0f);
            TFloat32 step = TFloat32.scalarOf(1f)) {
          try (Result r =
              ode.session
                  .runner()
                  .feed(ode.images, images)
                  .feed(ode.labels, labels)
                  .feed(ode.step.learningRate(), lr)
                  .feed(ode.step.step(), step)
                  .addTarget(ode.step.target())
                  .fetch(ode.loss.mean())
                  .run()) {
            lossOde = ((TFloat32) r.get(0)).getFloat();
          }
          try (Result r =
              hand.session
                  .runner()
                  .feed(hand.images, images)
                  .feed(hand.labels, labels)
                  .feed(hand.training.learningRate(), lr)
                  .addTarget(hand.training.target())
                  .fetch(hand.training.loss().mean())
                  .run()) {
            lossHand = ((TFloat32) r.get(0)).getFloat();
          }
        }
        System.out.printf("train step: loss ODE %.7f, hand-built %.7f%n", lossOde, lossHand);
        assertThat((double) lossHand).isCloseTo(lossOde, org.assertj.core.data.Offset.offset(1e-6));

        // accumulators: ODE slot optimizer/momentum/<name> ([K, …] in blocks) vs hand-built
        // train_momentum/<name>
        Map<String, float[]> odeSlots = new LinkedHashMap<>();
        Map<String, float[]> odeSlotValues =
            fetch(
                ode.session,
                ode.registry.parameters().stream()
                    .map(v -> "optimizer/momentum/" + v.name())
                    .toList());
        odeSlotValues.forEach(
            (k, v) -> odeSlots.put(k.substring("optimizer/momentum/".length()), v));
        Map<String, float[]> expectedSlots = HandBuiltResNet.valuesFromOde(spec, odeSlots);
        Map<String, float[]> handSlots =
            fetch(
                hand.session,
                hand.net.parameters().stream().map(n -> "train_momentum/" + n).toList());
        assertThat(expectedSlots.keySet())
            .containsExactlyInAnyOrderElementsOf(hand.net.parameters());
        double worstSlot = worst(expectedSlots, handSlots, "train_momentum/");
        double largest =
            expectedSlots.values().stream()
                .mapToDouble(HandBuiltResNetTest::maxAbs)
                .max()
                .orElse(0);
        System.out.printf(
            "accumulators (= gradient + wd·θ): max|delta| = %.3g, max|g| = %.3g%n",
            worstSlot, largest);
        assertThat(largest).as("gradients are not trivial").isGreaterThan(1e-3);
        assertThat(worstSlot).isLessThanOrEqualTo(1e-5 * Math.max(1, largest));

        // every variable afterwards: weights unchanged (rate 0), running statistics updated the
        // same way
        Map<String, float[]> expected = HandBuiltResNet.valuesFromOde(spec, ode.values());
        Map<String, float[]> actual = fetch(hand.session, hand.net.variables().keySet());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        double worstVar = worst(expected, actual, "");
        System.out.printf("variables after the step: max|delta| = %.3g%n", worstVar);
        assertThat(worstVar).isLessThanOrEqualTo(1e-5);
        assertThat(
                maxAbsDiff(
                    before.get("stage2/unit1/bn1/moving_mean"),
                    actual.get("stage2/unit1/bn1/moving_mean")))
            .as("the step updated the running statistics")
            .isGreaterThan(1e-3);
      }
    }
  }

  /**
   * With every update gated on all gradients, two runs of three steps at a real learning rate give
   * bit-identical losses (without the gate they do not: see the training test above).
   */
  @Test
  void gatedTrainingIsDeterministic() {
    ImageModelSpec spec = ImageModelSpec.of(8, 8, 1, 4, 3, block("piecewise_constant:3", 3, 3.0));
    Map<String, float[]> values;
    try (OdeModel ode = OdeModel.inference(spec, 41)) {
      values = HandBuiltResNet.valuesFromOde(spec, ode.values());
    }
    float[] x = normal(42, 8 * 64);
    float[][] losses = new float[2][3];
    for (int rep = 0; rep < 2; rep++) {
      try (HandBuiltModel m = HandBuiltModel.gatedTraining(spec, values);
          TFloat32 images =
              TFloat32.tensorOf(Shape.of(8, 8, 8, 1), DataBuffers.of(x, true, false));
          TInt32 labels = TInt32.vectorOf(0, 1, 2, 0, 1, 2, 2, 1);
          TFloat32 lr = TFloat32.scalarOf(0.1f)) {
        for (int i = 0; i < 3; i++) {
          try (Result r =
              m.session
                  .runner()
                  .feed(m.images, images)
                  .feed(m.labels, labels)
                  .feed(m.training.learningRate(), lr)
                  .addTarget(m.training.target())
                  .fetch(m.training.loss().mean())
                  .run()) {
            losses[rep][i] = ((TFloat32) r.get(0)).getFloat();
          }
        }
      }
    }
    assertThat(losses[1]).containsExactly(losses[0]);
    assertThat(losses[0][2]).isNotEqualTo(losses[0][0]);
  }

  private static double worst(
      Map<String, float[]> expected, Map<String, float[]> actual, String actualPrefix) {
    double worst = 0;
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      double d = maxAbsDiff(e.getValue(), actual.get(actualPrefix + e.getKey()));
      if (d > 1e-5) {
        System.out.printf("  %-40s %.3g (max %.3g)%n", e.getKey(), d, maxAbs(e.getValue()));
      }
      worst = Math.max(worst, d);
    }
    return worst;
  }

  @Test
  void rejectsModelsWithoutAPlainResNetForm() {
    ImageModelSpec rk4 =
        ImageModelSpec.of(
            8,
            8,
            1,
            4,
            3,
            new OdeBlockSpec("piecewise_constant:2", 2, "rk4", 2, CoefficientInit.IDENTICAL));
    ImageModelSpec legendre = ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("legendre:2", 2));
    assertThatThrownBy(() -> HandBuiltResNet.plan(rk4)).hasMessageContaining("euler");
    assertThatThrownBy(() -> HandBuiltResNet.plan(legendre))
        .hasMessageContaining("piecewise_constant");
  }

  // ---------------------------------------------------------------------------------------------

  private static OdeBlockSpec block(String basis, int steps, double epsilon) {
    return new OdeBlockSpec(basis, steps, "euler", epsilon, CoefficientInit.INDEPENDENT);
  }

  private static void assertEqualLogits(ImageModelSpec spec) {
    try (OdeModel ode = OdeModel.inference(spec, 11)) {
      ode.randomizeAffineAndState(12);
      try (HandBuiltModel hand = HandBuiltModel.inferenceLike(ode)) {
        int n = 3;
        float[] x = normal(13, n * spec.input().get(0) * spec.input().get(1) * spec.input().get(2));
        float[] a = run(ode.session, ode.images, ode.logits, x, n, spec);
        float[] b = run(hand.session, hand.images, hand.logits, x, n, spec);
        assertThat(maxAbs(a)).isGreaterThan(0.01);
        assertThat(maxAbsDiff(a, b)).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  static float[] run(
      Session s,
      Placeholder<TFloat32> in,
      Operand<TFloat32> out,
      float[] x,
      int batch,
      ImageModelSpec spec) {
    var i = spec.input();
    try (TFloat32 t =
            TFloat32.tensorOf(
                Shape.of(batch, i.get(0), i.get(1), i.get(2)), DataBuffers.of(x, true, false));
        Result r = s.runner().feed(in, t).fetch(out).run()) {
      return floats((TFloat32) r.get(0));
    }
  }

  static Map<String, float[]> fetch(Session s, Iterable<String> names) {
    Map<String, float[]> out = new LinkedHashMap<>();
    Session.Runner r = s.runner();
    List<String> list = new java.util.ArrayList<>();
    names.forEach(list::add);
    list.forEach(r::fetch);
    try (Result res = r.run()) {
      for (int i = 0; i < list.size(); i++) {
        out.put(list.get(i), floats((TFloat32) res.get(i)));
      }
    }
    return out;
  }

  static float[] floats(Tensor t) {
    float[] v = new float[(int) t.shape().size()];
    ((TFloat32) t).copyTo(DataBuffers.of(v, false, false));
    return v;
  }

  static float[] normal(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertThat(b).hasSameSizeAs(a);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
