package org.odenet4j.compression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;

/**
 * One scalar weight's coefficients before and after a change of basis: θ_A(t) and θ_B(t) can be
 * drawn from them over depth.
 *
 * @param variable the coefficient variable, e.g. {@code stage1/block/conv1/kernel}
 * @param index flat index into the variable's trailing dimensions
 * @param from source basis A
 * @param before K_A coefficients
 * @param to target basis B
 * @param after K_B coefficients
 */
public record WeightTrace(
    String variable, int index, Basis from, double[] before, Basis to, double[] after) {

  /** θ_A(t). */
  public double valueBefore(double t) {
    return from.value(before, t);
  }

  /** θ_B(t). */
  public double valueAfter(double t) {
    return to.value(after, t);
  }

  /** How much θ_A varies over depth: Σₖ (cₖ − mean)². */
  public double variation() {
    double mean = 0;
    for (double c : before) {
      mean += c;
    }
    mean /= before.length;
    double v = 0;
    for (double c : before) {
      v += (c - mean) * (c - mean);
    }
    return v;
  }

  /**
   * The {@code count} entries of a [K_A, m] / [K_B, m] pair whose θ_A varies most over depth (ties:
   * lowest index).
   */
  static List<WeightTrace> select(
      String variable, ChangeOfBasis map, double[] a, double[] b, int trailing, int count) {
    int ka = map.from().size();
    int kb = map.to().size();
    List<double[]> scored = new ArrayList<>(); // {index, variation}
    for (int e = 0; e < trailing; e++) {
      double mean = 0;
      for (int k = 0; k < ka; k++) {
        mean += a[k * trailing + e];
      }
      mean /= ka;
      double var = 0;
      for (int k = 0; k < ka; k++) {
        double d = a[k * trailing + e] - mean;
        var += d * d;
      }
      scored.add(new double[] {e, var});
    }
    scored.sort(Comparator.<double[]>comparingDouble(s -> -s[1]).thenComparingDouble(s -> s[0]));
    List<WeightTrace> out = new ArrayList<>();
    for (int i = 0; i < Math.min(count, scored.size()); i++) {
      int e = (int) scored.get(i)[0];
      double[] before = new double[ka];
      double[] after = new double[kb];
      for (int k = 0; k < ka; k++) {
        before[k] = a[k * trailing + e];
      }
      for (int k = 0; k < kb; k++) {
        after[k] = b[k * trailing + e];
      }
      out.add(new WeightTrace(variable, e, map.from(), before, map.to(), after));
    }
    return out;
  }
}
