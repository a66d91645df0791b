package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class MultiHeadSelfAttentionTest {
  private static final int B = 2;
  private static final int T = 3;
  private static final int D = 4;
  private static final int H = 2;

  /**
   * Two-head scaled dot-product self-attention with a padding mask, against a plain-Java
   * implementation that softmaxes over the real keys only (padding keys are simply skipped).
   */
  @Test
  void twoHeadsWithMaskMatchJava() {
    float[] mask = {1, 1, 1, 1, 1, 0};
    check(mask);
  }

  @Test
  void twoHeadsWithoutMaskMatchJava() {
    check(null);
  }

  private static void check(float[] mask) {
    SplittableRandom random = new SplittableRandom(mask == null ? 1 : 2);
    float[] x = TfTesting.uniform(random, B * T * D, 1.5);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 17);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T, D)));
      Placeholder<TFloat32> m = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.INFER, "")
              .apply("attn", new MultiHeadSelfAttention(H, mask == null ? null : m), in);
      assertThat(y.shape().asArray()).containsExactly(-1, T, D);
      assertThat(registry.all())
          .extracting(ModelVariable::name)
          .containsExactly(
              "attn/query/kernel", "attn/key/kernel", "attn/value/kernel", "attn/output/kernel");
      try (Session s = new Session(g)) {
        float[] wq = TfTesting.fetch(s, "attn/query/kernel");
        float[] wk = TfTesting.fetch(s, "attn/key/kernel");
        float[] wv = TfTesting.fetch(s, "attn/value/kernel");
        float[] wo = TfTesting.fetch(s, "attn/output/kernel");
        float[] got;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, new long[] {B, T, D}, x)) {
          if (mask != null) {
            f.put(m, new long[] {B, T}, mask);
          }
          got = TfTesting.run(s, f, y);
        }
        float[] expected = attention(x, mask, wq, wk, wv, wo);
        assertThat(TfTesting.maxAbsDiff(got, expected)).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  /** Plain-Java multi-head attention; {@code mask == null} means all keys are real. */
  static float[] attention(
      float[] x, float[] mask, float[] wq, float[] wk, float[] wv, float[] wo) {
    int dh = D / H;
    double[] q = matmul(x, wq);
    double[] k = matmul(x, wk);
    double[] v = matmul(x, wv);
    double[] merged = new double[B * T * D];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int i = 0; i < T; i++) {
          double[] w = new double[T];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < T; j++) {
            if (mask != null && mask[b * T + j] == 0) {
              continue;
            }
            double dot = 0;
            for (int e = 0; e < dh; e++) {
              dot += q[(b * T + i) * D + h * dh + e] * k[(b * T + j) * D + h * dh + e];
            }
            w[j] = dot / Math.sqrt(dh);
            max = Math.max(max, w[j]);
          }
          double z = 0;
          for (int j = 0; j < T; j++) {
            if (mask != null && mask[b * T + j] == 0) {
              w[j] = 0;
              continue;
            }
            w[j] = Math.exp(w[j] - max);
            z += w[j];
          }
          for (int e = 0; e < dh; e++) {
            double sum = 0;
            for (int j = 0; j < T; j++) {
              sum += w[j] / z * v[(b * T + j) * D + h * dh + e];
            }
            merged[(b * T + i) * D + h * dh + e] = sum;
          }
        }
      }
    }
    float[] mf = new float[merged.length];
    for (int i = 0; i < mf.length; i++) {
      mf[i] = (float) merged[i];
    }
    double[] out = matmul(mf, wo);
    float[] result = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      result[i] = (float) out[i];
    }
    return result;
  }

  /** [rows, D] · [D, D]. */
  private static double[] matmul(float[] x, float[] w) {
    int rows = x.length / D;
    double[] out = new double[rows * D];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < D; c++) {
        double sum = 0;
        for (int i = 0; i < D; i++) {
          sum += x[r * D + i] * w[i * D + c];
        }
        out[r * D + c] = sum;
      }
    }
    return out;
  }

  @Test
  void rejectsWidthNotDivisibleByHeads() {
    assertThatThrownBy(() -> new MultiHeadSelfAttention(0, null))
        .isInstanceOf(IllegalArgumentException.class);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 5)));
      LayerContext ctx = LayerContext.root(ParameterRegistry.initialized(tf, 1), Mode.INFER, "");
      assertThatThrownBy(() -> ctx.apply("attn", new MultiHeadSelfAttention(2, null), in))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2 heads")
          .hasMessageContaining("[-1, 3, 5]");
    }
  }
}
