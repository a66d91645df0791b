package org.odenet4j.layers;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The initialisers of the reference code: Kaiming (He) fan-out normal for convolutions (std = √(2 /
 * (kh·kw·C_out)), plain normal), Glorot/Xavier uniform for dense and attention kernels (limit = √(6
 * / (fan_in + fan_out))), constants for biases and normalisation.
 */
public final class Initializers {
  private Initializers() {}

  public static Initializer zeros() {
    return constant(0f);
  }

  public static Initializer ones() {
    return constant(1f);
  }

  public static Initializer constant(float value) {
    return new Initializer() {
      @Override
      public float[] values(long[] shape, SplittableRandom random) {
        float[] v = new float[size(shape)];
        Arrays.fill(v, value);
        return v;
      }

      @Override
      public boolean deterministic() {
        return true;
      }

      @Override
      public String describe() {
        return "constant(" + value + ")";
      }
    };
  }

  /** Normal(0, std²). */
  public static Initializer normal(double std) {
    return new Initializer() {
      @Override
      public float[] values(long[] shape, SplittableRandom random) {
        float[] v = new float[size(shape)];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (std * gaussian(random));
        }
        return v;
      }

      @Override
      public String describe() {
        return "normal(" + std + ")";
      }
    };
  }

  /** Kaiming fan-out normal for a conv kernel [kh, kw, C_in, C_out]: std = √(2/(kh·kw·C_out)). */
  public static Initializer kaimingFanOutNormal() {
    return new Initializer() {
      @Override
      public float[] values(long[] shape, SplittableRandom random) {
        long fanOut = shape[shape.length - 1];
        for (int d = 0; d < shape.length - 2; d++) {
          fanOut *= shape[d];
        }
        return normal(Math.sqrt(2.0 / fanOut)).values(shape, random);
      }

      @Override
      public String describe() {
        return "kaiming_fan_out_normal";
      }
    };
  }

  /** Glorot uniform for a kernel [..., fan_in, fan_out]. */
  public static Initializer glorotUniform() {
    return new Initializer() {
      @Override
      public float[] values(long[] shape, SplittableRandom random) {
        long receptive = 1;
        for (int d = 0; d < shape.length - 2; d++) {
          receptive *= shape[d];
        }
        long fanIn = shape.length >= 2 ? shape[shape.length - 2] * receptive : shape[0];
        long fanOut = shape.length >= 2 ? shape[shape.length - 1] * receptive : shape[0];
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] v = new float[size(shape)];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((2.0 * random.nextDouble() - 1.0) * limit);
        }
        return v;
      }

      @Override
      public String describe() {
        return "glorot_uniform";
      }
    };
  }

  static int size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("variable too large: " + Arrays.toString(shape));
    }
    return (int) n;
  }

  /** Standard normal by Box–Muller (deterministic for a given stream). */
  static double gaussian(SplittableRandom random) {
    double u1;
    do {
      u1 = random.nextDouble();
    } while (u1 <= 0.0);
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
