package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class Conv2DTest {

  /**
   * NHWC convolution with SAME padding and stride, checked against a direct loop with TensorFlow's
   * SAME rule: out = ⌈in/s⌉, total padding max((out−1)·s + k − in, 0), the smaller half on top/left
   * (so 4×4 with stride 2 pads only bottom/right, 5×5 pads one on each side). A 1×1 kernel with
   * stride &gt; 1 (built by subsampling, see {@link Conv2D}) reads pixel (s·i, s·j), also for odd
   * sizes.
   */
  @ParameterizedTest
  @CsvSource({"4, 1, 3", "4, 2, 3", "5, 2, 3", "4, 2, 1", "5, 2, 1", "7, 3, 1", "5, 1, 1"})
  void sameConvolutionMatchesHandComputation(int size, int stride, int k) {
    int cin = 2;
    int cout = 3;
    SplittableRandom random = new SplittableRandom(size * 10 + stride);
    float[] x = TfTesting.uniform(random, size * size * cin, 1.0);
    float[] bias = {0.5f, -0.25f, 1f};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, size, size, cin)));
      Operand<TFloat32> y =
          LayerContext.root(registry, Mode.INFER, "")
              .apply("conv", new Conv2D(cout, k, stride, true), in);
      int out = (size + stride - 1) / stride;
      assertThat(y.shape().asArray()).containsExactly(1, out, out, cout);
      assertThat(registry.get("conv/kernel").shape()).containsExactly(k, k, cin, cout);
      assertThat(registry.get("conv/bias").shape()).containsExactly(cout);
      try (Session s = new Session(g)) {
        TfTesting.assign(s, tf, registry.get("conv/bias").variable(), bias);
        float[] kernel = TfTesting.fetch(s, "conv/kernel");
        float[] got;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, new long[] {1, size, size, cin}, x)) {
          got = TfTesting.run(s, f, y);
        }
        int padTotal = Math.max((out - 1) * stride + k - size, 0);
        int padBefore = padTotal / 2;
        float[] expected = new float[out * out * cout];
        for (int oy = 0; oy < out; oy++) {
          for (int ox = 0; ox < out; ox++) {
            for (int co = 0; co < cout; co++) {
              double sum = bias[co];
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int iy = oy * stride + ky - padBefore;
                  int ix = ox * stride + kx - padBefore;
                  if (iy < 0 || ix < 0 || iy >= size || ix >= size) {
                    continue;
                  }
                  for (int ci = 0; ci < cin; ci++) {
                    sum +=
                        x[(iy * size + ix) * cin + ci]
                            * kernel[((ky * k + kx) * cin + ci) * cout + co];
                  }
                }
              }
              expected[(oy * out + ox) * cout + co] = (float) sum;
            }
          }
        }
        assertThat(TfTesting.maxAbsDiff(got, expected)).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void biasFreeByDefaultAndValidatesArguments() {
    assertThat(Conv2D.of(4, 3, 1).useBias()).isFalse();
    assertThatThrownBy(() -> Conv2D.of(0, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0, 3, 1");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 4, 4, 2)));
      LayerContext.root(registry, Mode.INFER, "").apply("conv", Conv2D.of(3, 3, 1), in);
      assertThat(registry.all()).extracting(ModelVariable::name).containsExactly("conv/kernel");
    }
  }

  /**
   * No Conv2D op with a 1×1 filter and a stride above 1 reaches the graph (TensorFlow 2.18's oneDNN
   * gradient of that op corrupts the heap for fewer than 16 input channels, see {@link Conv2D}),
   * while a 3×3 strided convolution stays one strided op.
   */
  @Test
  void pointwiseStridedConvolutionIsSubsampledNotStrided() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 5);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 4)));
      LayerContext ctx = LayerContext.root(registry, Mode.INFER, "");
      Operand<TFloat32> skip = ctx.apply("skip", Conv2D.of(8, 1, 2), in);
      Operand<TFloat32> main = ctx.apply("main", Conv2D.of(8, 3, 2), in);
      assertThat(skip.shape().asArray()).containsExactly(-1, 4, 4, 8);
      assertThat(main.shape().asArray()).containsExactly(-1, 4, 4, 8);
      java.util.List<String> strides = new java.util.ArrayList<>();
      g.operations()
          .forEachRemaining(
              op -> {
                if (op.type().equals("Conv2D")) {
                  long filter = op.input(1).shape().size(0);
                  strides.add(
                      filter
                          + "x"
                          + filter
                          + " "
                          + java.util.Arrays.toString(op.attributes().getAttrIntList("strides")));
                }
              });
      assertThat(strides).containsExactlyInAnyOrder("1x1 [1, 1, 1, 1]", "3x3 [1, 2, 2, 1]");
    }
  }
}
