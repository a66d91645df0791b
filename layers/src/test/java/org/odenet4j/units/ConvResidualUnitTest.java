package org.odenet4j.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ConvResidualUnitTest {

  /**
   * ConvResidualUnit(w) holds 18w² + 4w parameters (two 3×3 w→w kernels, two BN γ/β) per basis
   * coefficient, and 4w running statistics per coefficient; the digest's CIFAR count 97,216·K =
   * Σ_{w=16,32,64} (18w² + 4w)·K rests on this.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void parameterCountPerCoefficient(int k) {
    int w = 4;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, w)));
      new OdeBlock(ConvResidualUnit.relu(w), OdeBlockSpec.of("piecewise_constant:" + k, k))
          .apply(LayerContext.root(registry, Mode.INFER, "serve").child("block"), x);
      assertThat(registry.parameterCount()).isEqualTo((long) k * (18 * w * w + 4 * w));
      assertThat(registry.stateCount()).isEqualTo((long) k * 4 * w);
    }
    assertThat(16L * 16 * 18 + 4 * 16 + 32L * 32 * 18 + 4 * 32 + 64L * 64 * 18 + 4 * 64)
        .isEqualTo(97_216L);
  }

  /**
   * Used directly (no ODE block) it is a plain residual branch with plain variables, shape
   * preserved.
   */
  @Test
  void plainUseHasPlainVariablesAndKeepsTheShape() {
    int w = 3;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, w)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.TRAIN, "train")
              .apply("unit", ConvResidualUnit.relu(w), x);
      assertThat(y.shape().asArray()).containsExactly(-1, 4, 4, w);
      assertThat(registry.parameters())
          .extracting(ModelVariable::name)
          .containsExactly(
              "unit/bn1/gamma",
              "unit/bn1/beta",
              "unit/conv1/kernel",
              "unit/bn2/gamma",
              "unit/bn2/beta",
              "unit/conv2/kernel");
      assertThat(registry.parameters()).noneMatch(ModelVariable::isCoefficient);
      assertThat(registry.parameterCount()).isEqualTo(18L * w * w + 4 * w);
      Placeholder<TFloat32> wrong =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, w + 1)));
      assertThatThrownBy(
              () ->
                  LayerContext.root(registry, Mode.TRAIN, "t2")
                      .apply("unit2", ConvResidualUnit.relu(w), wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected 3 input channels");
    }
  }
}
