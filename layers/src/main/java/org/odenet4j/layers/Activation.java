package org.odenet4j.layers;

import java.util.Locale;
import org.odenet4j.text.OneLine;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Pointwise activations. {@link #GELU_TANH} is the tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x +
 * 0.044715·x³))), flax's default {@code gelu}.
 */
public enum Activation implements Layer {
  RELU("relu"),
  GELU_TANH("gelu"),
  ELU("elu"),
  IDENTITY("identity");

  private final String label;

  Activation(String label) {
    this.label = label;
  }

  /** The name used in specs and on the command line. */
  public String label() {
    return label;
  }

  public static Activation byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Activation a : values()) {
      if (a.label.equals(key) || a.name().toLowerCase(Locale.ROOT).equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "activation: expected one of relu, gelu, elu, identity, found '" + OneLine.of(name) + "'");
  }

  @Override
  public Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x) {
    return apply(ctx.tf(), x);
  }

  /** Emits the activation with the given ops. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    switch (this) {
      case RELU:
        return tf.nn.relu(x);
      case ELU:
        return tf.nn.elu(x);
      case GELU_TANH:
        Operand<TFloat32> cube = tf.math.mul(tf.math.mul(x, x), x);
        Operand<TFloat32> inner =
            tf.math.mul(
                tf.constant((float) Math.sqrt(2.0 / Math.PI)),
                tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube)));
        return tf.math.mul(
            tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
      default:
        return x;
    }
  }
}
