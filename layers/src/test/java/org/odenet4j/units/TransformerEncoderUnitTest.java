package org.odenet4j.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odenet4j.layers.TfTesting.constant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.TfTesting;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

class TransformerEncoderUnitTest {
  private static final int B = 2;
  private static final int T = 4;
  private static final int D = 4;
  private static final int H = 2;
  private static final int MLP = 6;
  private static final long[] X_SHAPE = {B, T, D};
  private static final long[] M_SHAPE = {B, T};

  /** Sequence 0 is full, sequence 1 has two padding positions. */
  private static final float[] MASK = {1, 1, 1, 1, 1, 1, 0, 0};

  /**
   * OdeBlock(TransformerEncoderUnit, piecewise_constant:1, one Euler step, ε = 1) is one standard
   * pre-LN encoder layer x + a + MLP(LN₂(x + a)), a = MHA(LN₁(x)), hand-built here with raw Ops
   * (einsum per head, explicit mask bias) from the same weights; padded keys do not influence real
   * tokens.
   */
  @Test
  void oneEulerStepIsOneStandardPreLnEncoderLayerWithPaddingMask() {
    SplittableRandom random = new SplittableRandom(31);
    float[] x = TfTesting.uniform(random, B * T * D, 1.5);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 13);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T, D)));
      Placeholder<TFloat32> mask =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T)));
      OdeBlock block =
          new OdeBlock(
              new TransformerEncoderUnit(H, MLP, Activation.ELU, mask),
              new OdeBlockSpec("piecewise_constant:1", 1, "euler", 1.0, CoefficientInit.IDENTICAL));
      Operand<TFloat32> y =
          block.apply(LayerContext.root(registry, Mode.TRAIN, "train").child("block"), in);
      assertThat(y.shape().asArray()).containsExactly(-1, T, D);
      try (Session s = new Session(g)) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (ModelVariable v : registry.variablesOf("block")) {
          assertThat(v.shape()[0]).isEqualTo(1);
          String local = v.name().substring("block/".length());
          if (local.endsWith("gamma")) {
            TfTesting.assign(
                s, tf, v.variable(), TfTesting.uniform(random, (int) v.size(), 0.5, 1.5));
          } else if (local.endsWith("beta") || local.endsWith("bias")) {
            TfTesting.assign(s, tf, v.variable(), TfTesting.uniform(random, (int) v.size(), 0.5));
          }
          w.put(local, TfTesting.fetch(s, v.name()));
        }
        assertThat(w.keySet())
            .containsExactlyInAnyOrder(
                "ln1/gamma",
                "ln1/beta",
                "attention/query/kernel",
                "attention/key/kernel",
                "attention/value/kernel",
                "attention/output/kernel",
                "ln2/gamma",
                "ln2/beta",
                "mlp1/kernel",
                "mlp1/bias",
                "mlp2/kernel",
                "mlp2/bias");
        float[] ode;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, X_SHAPE, x).put(mask, M_SHAPE, MASK)) {
          ode = TfTesting.run(s, f, y);
        }
        float[] reference = reference(w, x, MASK);
        double delta = TfTesting.maxAbsDiff(ode, reference);
        System.out.printf(
            "transformer equivalence: max|delta| = %.3g (max|out| = %.3g)%n",
            delta, TfTesting.maxAbs(reference));
        assertThat(delta).isLessThanOrEqualTo(1e-5);
        assertThat(
                TfTesting.maxAbsDiff(
                    reference, reference(w, x, new float[] {1, 1, 1, 1, 1, 1, 1, 1})))
            .as("the mask matters")
            .isGreaterThan(1e-3);

        // padded positions of sequence 1 get other values: real tokens' outputs do not move
        float[] x2 = x.clone();
        for (int t = 2; t < T; t++) {
          for (int d = 0; d < D; d++) {
            x2[(T + t) * D + d] = (float) (5 * (2 * random.nextDouble() - 1));
          }
        }
        float[] ode2;
        try (TfTesting.Feeds f = TfTesting.feeds().put(in, X_SHAPE, x2).put(mask, M_SHAPE, MASK)) {
          ode2 = TfTesting.run(s, f, y);
        }
        double realDelta = 0;
        double paddedDelta = 0;
        for (int b = 0; b < B; b++) {
          for (int t = 0; t < T; t++) {
            for (int d = 0; d < D; d++) {
              int i = (b * T + t) * D + d;
              double diff = Math.abs(ode[i] - ode2[i]);
              if (MASK[b * T + t] == 1) {
                realDelta = Math.max(realDelta, diff);
              } else {
                paddedDelta = Math.max(paddedDelta, diff);
              }
            }
          }
        }
        assertThat(realDelta).as("real tokens ignore padded keys").isLessThanOrEqualTo(1e-6);
        assertThat(paddedDelta).as("padded positions themselves did change").isGreaterThan(1e-2);
      }
    }
  }

  /** The hand-built pre-LN encoder layer, run in its own graph. */
  private static float[] reference(Map<String, float[]> w, float[] x, float[] maskValues) {
    try (Graph g = new Graph()) {
      Ops r = Ops.create(g);
      Placeholder<TFloat32> in =
          r.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T, D)));
      Placeholder<TFloat32> mask =
          r.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T)));
      Operand<TFloat32> ln1 = layerNorm(r, in, w.get("ln1/gamma"), w.get("ln1/beta"));
      int dh = D / H;
      Operand<TFloat32> keyBias =
          r.reshape(
              r.math.mul(r.math.sub(mask, r.constant(1f)), r.constant(1e9f)),
              r.constant(new long[] {-1, 1, T}));
      List<Operand<TFloat32>> heads = new ArrayList<>();
      for (int h = 0; h < H; h++) {
        Operand<TFloat32> q =
            project(r, ln1, columns(w.get("attention/query/kernel"), D, h * dh, dh), dh);
        Operand<TFloat32> k =
            project(r, ln1, columns(w.get("attention/key/kernel"), D, h * dh, dh), dh);
        Operand<TFloat32> v =
            project(r, ln1, columns(w.get("attention/value/kernel"), D, h * dh, dh), dh);
        Operand<TFloat32> scores =
            r.math.add(
                r.math.div(
                    r.linalg.einsum(List.of(q, k), "bie,bje->bij"),
                    r.constant((float) Math.sqrt(dh))),
                keyBias);
        heads.add(r.linalg.einsum(List.of(r.nn.softmax(scores), v), "bij,bje->bie"));
      }
      Operand<TFloat32> attended = r.concat(heads, r.constant(2));
      Operand<TFloat32> a = project(r, attended, w.get("attention/output/kernel"), D);
      Operand<TFloat32> z = r.math.add(in, a);
      Operand<TFloat32> hidden =
          r.math.add(
              project(
                  r,
                  layerNorm(r, z, w.get("ln2/gamma"), w.get("ln2/beta")),
                  w.get("mlp1/kernel"),
                  MLP),
              constant(r, new long[] {MLP}, w.get("mlp1/bias")));
      Operand<TFloat32> mlp =
          r.math.add(
              project(r, r.nn.elu(hidden), w.get("mlp2/kernel"), D),
              constant(r, new long[] {D}, w.get("mlp2/bias")));
      Operand<TFloat32> out = r.math.add(z, mlp);
      try (Session s = new Session(g);
          TfTesting.Feeds f =
              TfTesting.feeds().put(in, X_SHAPE, x).put(mask, M_SHAPE, maskValues)) {
        return TfTesting.run(s, f, out);
      }
    }
  }

  private static Operand<TFloat32> layerNorm(
      Ops r, Operand<TFloat32> x, float[] gamma, float[] beta) {
    Operand<org.tensorflow.types.TInt32> last = r.constant(new int[] {2});
    Operand<TFloat32> centred = r.math.sub(x, r.math.mean(x, last, Mean.keepDims(true)));
    Operand<TFloat32> variance =
        r.math.mean(r.math.mul(centred, centred), last, Mean.keepDims(true));
    Operand<TFloat32> n = r.math.div(centred, r.math.sqrt(r.math.add(variance, r.constant(1e-6f))));
    return r.math.add(
        r.math.mul(n, constant(r, new long[] {gamma.length}, gamma)),
        constant(r, new long[] {beta.length}, beta));
  }

  /** [b, t, in] · [in, out] by einsum. */
  private static Operand<TFloat32> project(Ops r, Operand<TFloat32> x, float[] kernel, int out) {
    int in = kernel.length / out;
    return r.linalg.einsum(List.of(x, constant(r, new long[] {in, out}, kernel)), "btd,de->bte");
  }

  /** Columns [from, from + count) of a row-major [rows, cols] matrix. */
  private static float[] columns(float[] m, int cols, int from, int count) {
    int rows = m.length / cols;
    float[] out = new float[rows * count];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(m, i * cols + from, out, i * count, count);
    }
    return out;
  }
}
