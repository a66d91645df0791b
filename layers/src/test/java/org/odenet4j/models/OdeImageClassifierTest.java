package org.odenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class OdeImageClassifierTest {

  /**
   * The reference architecture's count (digest §8.1): 78,074 + 97,216·K for 32×32×3, w = 16, 10
   * classes.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8, 16})
  void parameterCountMatchesTheReferenceArchitecture(int k) {
    ModelSummary summary = ModelSummary.of(ImageModelSpec.cifar("piecewise_constant:" + k, k));
    assertThat(summary.trainableParameters()).isEqualTo(78_074L + 97_216L * k);
    // ODE BN running statistics: 2 BNs × (mean, var) × (16 + 32 + 64) channels per coefficient =
    // 448·K
    assertThat(summary.odeBlocks()).hasSize(3);
    assertThat(summary.odeBlocks().stream().mapToLong(ModelSummary.BlockRow::state).sum())
        .isEqualTo(448L * k);
    // per block: 18w² + 4w per coefficient
    assertThat(summary.odeBlocks().get(0).parameters()).isEqualTo((18L * 16 * 16 + 4 * 16) * k);
    assertThat(summary.odeBlocks().get(2).parameters()).isEqualTo((18L * 64 * 64 + 4 * 64) * k);
  }

  /**
   * Fashion-MNIST shape: the reference-results note reports 1,633,242 parameters at K = 16 for
   * 28×28×1.
   */
  @Test
  void fashionMnistShapeCount() {
    ModelSpec spec =
        ImageModelSpec.of(
            28, 28, 1, 16, 10, org.odenet4j.ode.OdeBlockSpec.of("piecewise_constant:16", 16));
    assertThat(ModelSummary.of(spec).trainableParameters()).isEqualTo(1_633_242L);
  }

  @Test
  void rejectsImagesOfTheWrongShape() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 3)));
      assertThatThrownBy(
              () ->
                  OdeImageClassifier.build(
                      LayerContext.root(registry, Mode.INFER, "serve"),
                      ImageModelSpec.cifar("piecewise_constant:1", 1),
                      x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected images [batch, 32, 32, 3]")
          .hasMessageContaining("found [-1, 28, 28, 3]");
    }
  }

  /**
   * Graph build time of the K = N = 16 CIFAR-shape model (train + infer heads), printed for
   * BENCHMARKS.md.
   */
  @Test
  void buildsTheLargeReferenceModelQuickly() {
    long start = System.nanoTime();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      ImageModelSpec spec = ImageModelSpec.cifar("piecewise_constant:16", 16);
      var x = Models.input(tf, spec);
      Models.build(LayerContext.root(registry, Mode.TRAIN, "train"), spec, x);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, x);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("graph build K=N=16 CIFAR shape, train+infer heads: %.2f s%n", seconds);
      assertThat(registry.parameterCount()).isEqualTo(1_633_530L);
    }
  }
}
