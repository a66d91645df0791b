package org.odenet4j.integrate;

import java.util.ArrayList;
import java.util.List;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.Side;

/**
 * The N·s stage depths of N fixed steps of a scheme on [0, 1], computed from integers: t = (n·den +
 * num) / (N·den) for stage node c = num/den, so no floating-point time grid can drift (the
 * reference code's {@code arange(0, 1, 1/N)} reads the wrong cell for N = 7, 12, … and takes N + 1
 * steps for N = 49).
 *
 * @param scheme the scheme
 * @param steps N ≥ 1
 * @param stages all stages in evaluation order
 */
public record StageTimes(Scheme scheme, int steps, List<Stage> stages) {

  public static StageTimes of(Scheme scheme, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: expected N >= 1, found " + steps);
    }
    int s = scheme.stages();
    int[] numerators = scheme.cNumerator();
    int[] denominators = scheme.cDenominator();
    List<Stage> list = new ArrayList<>(steps * s);
    for (int n = 0; n < steps; n++) {
      for (int i = 0; i < s; i++) {
        long num = (long) n * denominators[i] + numerators[i];
        long den = (long) steps * denominators[i];
        double t = (double) num / den;
        Side side = scheme.endsStep(i) ? Side.LEFT : Side.RIGHT;
        list.add(new Stage(n, i, n * s + i, t, side));
      }
    }
    return new StageTimes(scheme, steps, List.copyOf(list));
  }

  /** Step size 1/N. */
  public double dt() {
    return 1.0 / steps;
  }

  /** N·s, the number of rate-function evaluations. */
  public int evaluations() {
    return stages.size();
  }

  /** The stage depths as sampling nodes, for {@link org.odenet4j.basis.PointFit}. */
  public List<Basis.Node> nodes() {
    return stages.stream().map(Stage::node).toList();
  }
}
