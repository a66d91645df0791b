package org.odenet4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.odenet4j.layers.TfTesting.maxAbs;
import static org.odenet4j.layers.TfTesting.maxAbsDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.TfTesting;
import org.odenet4j.units.ConvResidualUnit;
import org.odenet4j.units.MlpUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class OdeBlockTest {

  /**
   * Protects the central claim of the block's Javadoc: Euler + piecewise_constant:N + N steps + ε =
   * N is exactly an N-unit pre-activation ResNet whose unit k has the weights in coefficient k,
   * with batch statistics in TRAIN mode.
   */
  @Test
  void trainHeadEqualsHandBuiltResNetWithBatchStatistics() {
    SplittableRandom random = new SplittableRandom(11);
    try (ResNetFixture f = new ResNetFixture(3, 3, 5)) {
      f.randomizeStateAndAffine(random);
      float[] x = TfTesting.uniform(random, (int) TfTesting.size(f.xShape), 1.0);
      Map<String, float[]> v = f.values();
      float[] ode = f.run(f.trainOut, x);
      float[] resnet = f.reference(v, x, true).out();
      double delta = maxAbsDiff(ode, resnet);
      System.out.printf(
          "ResNet equivalence (TRAIN): max|delta| = %.3g (max|out| = %.3g)%n",
          delta, maxAbs(resnet));
      assertThat(maxAbsDiff(resnet, x)).as("the residual branches contribute").isGreaterThan(0.1);
      assertThat(delta).isLessThanOrEqualTo(1e-5);
    }
  }

  /**
   * The same equivalence in INFER mode, where unit k normalises with the k-th running statistics.
   */
  @Test
  void inferHeadEqualsHandBuiltResNetWithRunningStatistics() {
    SplittableRandom random = new SplittableRandom(12);
    try (ResNetFixture f = new ResNetFixture(3, 3, 6)) {
      f.randomizeStateAndAffine(random);
      float[] x = TfTesting.uniform(random, (int) TfTesting.size(f.xShape), 1.0);
      Map<String, float[]> v = f.values();
      float[] ode = f.run(f.serveOut, x);
      float[] resnet = f.reference(v, x, false).out();
      float[] batchStats = f.reference(v, x, true).out();
      double delta = maxAbsDiff(ode, resnet);
      System.out.printf(
          "ResNet equivalence (INFER): max|delta| = %.3g (max|out| = %.3g)%n",
          delta, maxAbs(resnet));
      assertThat(maxAbsDiff(resnet, batchStats))
          .as("running statistics matter")
          .isGreaterThan(1e-2);
      assertThat(delta).isLessThanOrEqualTo(1e-5);
    }
  }

  /** The inference head adds no state updates; the training head refits every BN statistic. */
  @Test
  void onlyTheTrainingHeadHasStateUpdatesAndBothShareVariables() {
    try (ResNetFixture f = new ResNetFixture(2, 2, 1)) {
      // 4 statistics refits + the clamp counter
      assertThat(f.trainUpdates).hasSize(5);
      assertThat(OdeBlocks.of(f.registry).all())
          .singleElement()
          .satisfies(b -> assertThat(b.name()).isEqualTo("block"));
      assertThat(f.registry.variablesOf("block"))
          .extracting(ModelVariable::name)
          .containsExactlyInAnyOrder(
              "block/bn1/gamma",
              "block/bn1/beta",
              "block/bn1/moving_mean",
              "block/bn1/moving_variance",
              "block/conv1/kernel",
              "block/bn2/gamma",
              "block/bn2/beta",
              "block/bn2/moving_mean",
              "block/bn2/moving_variance",
              "block/conv2/kernel");
      assertThat(f.registry.get("block/conv1/kernel").shape()).containsExactly(2, 3, 3, 2, 2);
    }
  }

  /**
   * Gradients w.r.t. the [K, …] coefficient variables, through basis reads and a midpoint unroll,
   * agree with central differences of the loss for every basis family.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"piecewise_constant:2", "piecewise_linear:4", "fem_linear:3", "legendre:3"})
  void coefficientGradientsMatchCentralDifferences(String basis) {
    SplittableRandom random = new SplittableRandom(basis.hashCode());
    float h = 1e-2f;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 3);
      Operand<TFloat32> x =
          TfTesting.constant(tf, new long[] {2, 3}, TfTesting.uniform(random, 6, 1.0));
      OdeBlock block =
          new OdeBlock(
              new MlpUnit(4, Activation.ELU),
              new OdeBlockSpec(basis, 3, "midpoint", 1.0, CoefficientInit.INDEPENDENT));
      Operand<TFloat32> y =
          block.apply(LayerContext.root(registry, Mode.TRAIN, "train").child("block"), x);
      Operand<TFloat32> loss = tf.sum(tf.math.square(y), tf.constant(new int[] {0, 1}));
      List<ModelVariable> vars = registry.parameters();
      assertThat(vars).hasSize(4).allSatisfy(v -> assertThat(v.block()).isEqualTo("block"));
      Output<?>[] xs = vars.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
      Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
      List<Placeholder<TFloat32>> feeds = new ArrayList<>();
      List<Op> assigns = new ArrayList<>();
      for (ModelVariable v : vars) {
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
        feeds.add(p);
        assigns.add(tf.assign(v.variable(), p));
      }
      try (Session s = new Session(g)) {
        // Non-zero biases so every coefficient matters.
        for (int i = 0; i < vars.size(); i++) {
          ModelVariable v = vars.get(i);
          if (v.name().endsWith("bias")) {
            TfTesting.assign(s, tf, v.variable(), TfTesting.uniform(random, (int) v.size(), 0.5));
          }
        }
        List<Operand<?>> gradFetches = new ArrayList<>();
        for (Output<?> gr : grads) {
          gradFetches.add(gr);
        }
        List<float[]> analytic = TfTesting.run(s, null, List.of(), gradFetches);
        int k = (int) vars.get(0).shape()[0];
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < vars.size(); i++) {
          ModelVariable v = vars.get(i);
          float[] original = TfTesting.fetch(s, v.name());
          int perRow = original.length / k;
          for (int row = 0; row < k; row++) {
            int index = row * perRow + random.nextInt(perRow);
            float[] plus = original.clone();
            plus[index] += h;
            float[] minus = original.clone();
            minus[index] -= h;
            double lp = lossWith(s, feeds.get(i), assigns.get(i), v, plus, loss);
            double lm = lossWith(s, feeds.get(i), assigns.get(i), v, minus, loss);
            lossWith(s, feeds.get(i), assigns.get(i), v, original, loss);
            double numeric = (lp - lm) / (2 * h);
            double g0 = analytic.get(i)[index];
            double error = Math.abs(numeric - g0) / Math.max(Math.abs(g0), 5e-2);
            worst = Math.max(worst, error);
            assertThat(Math.abs(numeric - g0))
                .as(
                    "%s %s[%d]: analytic %s, central difference %s",
                    basis, v.name(), index, g0, numeric)
                .isLessThanOrEqualTo(2e-2 * Math.max(Math.abs(g0), 5e-2));
            checked++;
          }
        }
        System.out.printf(
            "gradient check %s: %d entries, worst relative error %.3g%n", basis, checked, worst);
        assertThat(checked).isEqualTo(4 * k);
        double maxGrad = 0;
        for (float[] gr : analytic) {
          maxGrad = Math.max(maxGrad, maxAbs(gr));
        }
        assertThat(maxGrad).as("non-trivial gradients").isGreaterThan(1e-2);
      }
    }
  }

  private static double lossWith(
      Session s,
      Placeholder<TFloat32> p,
      Op assign,
      ModelVariable v,
      float[] values,
      Operand<TFloat32> loss) {
    try (TfTesting.Feeds f = TfTesting.feeds().put(p, v.shape(), values)) {
      TfTesting.run(s, f, List.of(assign), List.of());
    }
    return TfTesting.run(s, null, loss)[0];
  }

  /**
   * An inference head never refits statistics, so it must build whatever the rank of the stage
   * design, while a training head, which needs the point fit, must still refuse with the fit's
   * message. The three designs are those of {@code odenet model summary image --basis legendre:2
   * --steps 1} and of {@code odenet compress} to fem_linear:4 with 2 steps and legendre:8 with 4
   * steps (Euler): 1 stage for 2 functions, 2 stages for fem's 3 reached nodes, 4 stages for 8
   * functions. The inference warning still names fem_linear:4's unreached node 3 (t = 1).
   */
  @ParameterizedTest
  @ValueSource(strings = {"legendre:2/1/2", "fem_linear:4/2/3", "legendre:8/4/8"})
  void inferenceBuildsWithARankDeficientStageDesignAndTrainingDoesNot(String caseSpec) {
    String[] parts = caseSpec.split("/");
    OdeBlockSpec spec =
        new OdeBlockSpec(
            parts[0], Integer.parseInt(parts[1]), "euler", 1.0, CoefficientInit.IDENTICAL);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> in =
          tf.placeholder(
              TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 4, 4, 2)));
      Operand<TFloat32> out =
          new OdeBlock(ConvResidualUnit.relu(2), spec)
              .apply(LayerContext.root(registry, Mode.INFER, "serve").child("block"), in);
      assertThat(out.shape().asArray()).containsExactly(-1, 4, 4, 2);
      if (parts[0].startsWith("fem_linear")) {
        assertThat(registry.warnings())
            .singleElement()
            .asString()
            .contains("block", "[3]", "fem_linear:4");
      } else {
        assertThat(registry.warnings()).isEmpty();
      }
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> in =
          tf.placeholder(
              TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 4, 4, 2)));
      OdeBlock block = new OdeBlock(ConvResidualUnit.relu(2), spec);
      LayerContext train = LayerContext.root(registry, Mode.TRAIN, "train").child("block");
      assertThatThrownBy(() -> block.apply(train, in))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("point fit onto " + parts[0])
          .hasMessageContaining(
              "expected "
                  + parts[2]
                  + " independent sample columns, found a rank-deficient design");
    }
  }

  /**
   * The inference read of a legendre running variance is max(σ²(tᵢ), 1e-5), and it uses the signed
   * coefficients as they are. legendre:2, one Euler step (t = 0, where P₁ = −1), ε = 1, rate R(h) =
   * BN(h) with γ(t) = 1, β = 0, mean 0: h(1) = h₀ + h₀/√(σ²(0) + 1e-5). Channel 0 has σ²
   * coefficients (1.5, −0.5), σ²(0) = 2 (a clamp of c₁ would give 1.5); channel 1 has (0.5, 1.0),
   * σ²(0) = −0.5, which is floored to 1e-5 (unfloored it would be NaN).
   */
  @Test
  void legendreVarianceReadIsFlooredAtTheStageAndKeepsSignedCoefficients() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 4);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 2)));
      Operand<TFloat32> out =
          new OdeBlock(
                  (ctx, h) -> ctx.apply("bn", BatchNorm.standard(), h),
                  new OdeBlockSpec("legendre:2", 1, "euler", 1.0, CoefficientInit.IDENTICAL))
              .apply(LayerContext.root(registry, Mode.INFER, "serve").child("block"), in);
      try (Session s = new Session(g)) {
        TfTesting.assign(
            s, tf, registry.get("block/bn/gamma").variable(), new float[] {1, 1, 0, 0});
        TfTesting.assign(s, tf, registry.get("block/bn/beta").variable(), new float[] {0, 0, 0, 0});
        TfTesting.assign(
            s, tf, registry.get("block/bn/moving_mean").variable(), new float[] {0, 0, 0, 0});
        TfTesting.assign(
            s,
            tf,
            registry.get("block/bn/moving_variance").variable(),
            new float[] {1.5f, 0.5f, -0.5f, 1.0f});
        float[] x = {1f, 1f, -2f, 3e-3f};
        float[] y;
        try (TfTesting.Feeds feeds = TfTesting.feeds().put(in, new long[] {2, 2}, x)) {
          y = TfTesting.run(s, feeds, out);
        }
        double[] scale = {1 + 1 / Math.sqrt(2 + 1e-5), 1 + 1 / Math.sqrt(1e-5 + 1e-5)};
        for (int i = 0; i < x.length; i++) {
          double expected = x[i] * scale[i % 2];
          assertThat((double) y[i])
              .as("entry %d", i)
              .isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
        }
        assertThat(TfTesting.fetch(s, "block/bn/moving_variance"))
            .containsExactly(1.5f, 0.5f, -0.5f, 1.0f);
      }
    }
  }
}
