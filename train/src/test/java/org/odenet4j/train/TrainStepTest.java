package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.Initializers;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One and two optimisation steps on L(w, s) = Σ w² + 0·s against hand-computed updates: only the
 * trainable w moves (s is state off the loss path; differentiating it would fail), coupled decay
 * enters the gradient for SGD, decoupled decay is scaled by the rate for AdamW.
 */
class TrainStepTest {
  private static final float W0 = 1.5f;

  private static float[] run(OptimizerSpec optimizer, double lr, int steps) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 0);
      Variable<TFloat32> w =
          registry.variable("w", VariableKind.PARAMETER, new long[] {2}, Initializers.constant(W0));
      Variable<TFloat32> state =
          registry.variable("s", VariableKind.STATE, new long[] {2}, Initializers.ones());
      // through the registry's read: Square on the raw reference output crashes TF 1.1.0's
      // gradients
      Operand<TFloat32> loss = tf.sum(tf.math.square(registry.read("w")), tf.constant(0));
      TrainStep step = TrainStep.build(g, registry, loss, optimizer, List.of());
      float[] out = new float[steps + 2];
      for (int i = 1; i <= steps; i++) {
        try (TFloat32 rate = TFloat32.scalarOf((float) lr);
            TFloat32 count = TFloat32.scalarOf(i);
            Result r =
                s.runner()
                    .feed(step.learningRate(), rate)
                    .feed(step.step(), count)
                    .addTarget(step.target())
                    .fetch(w)
                    .run()) {
          out[i - 1] = ((TFloat32) r.get(0)).getFloat(0);
        }
      }
      try (Result r = s.runner().fetch(w).fetch(state).run()) {
        out[steps] = ((TFloat32) r.get(0)).getFloat(0);
        out[steps + 1] = ((TFloat32) r.get(1)).getFloat(0);
      }
      return out;
    }
  }

  @Test
  void sgdNesterovWithCoupledDecay() {
    double lr = 0.1;
    double mu = 0.9;
    double wd = 5e-4;
    float[] w = run(new OptimizerSpec.SgdMomentum(mu, true, wd), lr, 2);
    // step 1: g = 2w + wd·w; a = g; w -= lr·(g + μ·a)
    double w0 = W0;
    double g1 = 2 * w0 + wd * w0;
    double a1 = g1;
    double w1 = w0 - lr * (g1 + mu * a1);
    double g2 = 2 * w1 + wd * w1;
    double a2 = mu * a1 + g2;
    double w2 = w1 - lr * (g2 + mu * a2);
    assertThat((double) w[2]).isCloseTo(w2, within(1e-6));
    assertThat(w[3]).as("state variable untouched").isEqualTo(1f);
  }

  @Test
  void sgdPlainMomentum() {
    float[] w = run(new OptimizerSpec.SgdMomentum(0.9, false, 0), 0.05, 2);
    double w1 = W0 - 0.05 * (2 * W0);
    double a2 = 0.9 * (2 * W0) + 2 * w1;
    assertThat((double) w[2]).isCloseTo(w1 - 0.05 * a2, within(1e-6));
  }

  @Test
  void adamWithDecoupledDecayScaledByTheRate() {
    double lr = 0.01;
    double b1 = 0.9;
    double b2 = 0.98;
    double eps = 1e-9;
    double wd = 0.1;
    float[] w = run(new OptimizerSpec.AdamW(b1, b2, eps, wd), lr, 1);
    double g = 2 * W0;
    double m = (1 - b1) * g;
    double v = (1 - b2) * g * g;
    double lrT = lr * Math.sqrt(1 - b2) / (1 - b1);
    double expected = W0 - lr * wd * W0 - lrT * m / (Math.sqrt(v) + eps);
    assertThat((double) w[1]).isCloseTo(expected, within(1e-6));
  }
}
