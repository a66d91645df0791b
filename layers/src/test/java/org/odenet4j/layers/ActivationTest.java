package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ActivationTest {
  private static final float[] X = new float[121];

  static {
    for (int i = 0; i < X.length; i++) {
      X[i] = -6f + 0.1f * i;
    }
  }

  private static float[] evaluate(Activation a) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = a.apply(tf, tf.constant(X));
      return TfTesting.run(s, null, y);
    }
  }

  /** GELU_TANH is flax's tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
  @Test
  void geluTanhMatchesTheFormula() {
    float[] y = evaluate(Activation.GELU_TANH);
    for (int i = 0; i < X.length; i++) {
      double x = X[i];
      double expected =
          0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
      assertThat((double) y[i])
          .as("gelu(%s)", x)
          .isCloseTo(
              expected, org.assertj.core.api.Assertions.within(2e-6 * (1 + Math.abs(expected))));
    }
    // and it is the tanh form, not the erf form: they differ by 4.4e-4 at x = 2.5
    int at = 85; // x = 2.5
    double erfForm = 0.5 * 2.5 * (1 + erf(2.5 / Math.sqrt(2)));
    assertThat(Math.abs(y[at] - erfForm)).isGreaterThan(1e-4);
  }

  @Test
  void reluEluIdentityMatchJava() {
    float[] relu = evaluate(Activation.RELU);
    float[] elu = evaluate(Activation.ELU);
    float[] id = evaluate(Activation.IDENTITY);
    for (int i = 0; i < X.length; i++) {
      assertThat(relu[i]).isEqualTo(Math.max(0f, X[i]));
      assertThat((double) elu[i])
          .isCloseTo(
              X[i] > 0 ? X[i] : Math.expm1(X[i]), org.assertj.core.api.Assertions.within(1e-6));
      assertThat(id[i]).isEqualTo(X[i]);
    }
  }

  @Test
  void byNameAcceptsLabelsAndEnumNames() {
    assertThat(Activation.byName("gelu")).isEqualTo(Activation.GELU_TANH);
    assertThat(Activation.byName(" GELU_TANH ")).isEqualTo(Activation.GELU_TANH);
    assertThat(Activation.byName("Elu")).isEqualTo(Activation.ELU);
    assertThatThrownBy(() -> Activation.byName("swish"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relu, gelu, elu, identity")
        .hasMessageContaining("'swish'");
    // found by ParserFuzzTest: a line break in the name split the one-line message
    assertThatThrownBy(() -> Activation.byName("re\nlu"))
        .hasMessage("activation: expected one of relu, gelu, elu, identity, found 're\\nlu'");
  }

  /** erf by its Maclaurin series (converged to double precision for |x| ≤ 2). */
  private static double erf(double x) {
    double sum = 0;
    double term = x;
    for (int n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= -x * x / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
