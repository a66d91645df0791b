package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.ErrorAccumulator;
import org.odenet4j.basis.L2Error;

class ExactErrorTest {
  /**
   * The sparse evaluation gives issue 1's ErrorAccumulator result, for local and global bases,
   * projection and interpolation.
   */
  @Test
  void agreesWithTheBasisPackage() {
    String[][] pairs = {
      {"piecewise_constant:16", "piecewise_constant:8"},
      {"piecewise_constant:16", "piecewise_constant:5"},
      {"piecewise_constant:16", "fem_linear:5"},
      {"fem_linear:9", "piecewise_linear:4"},
      {"fem_linear:5", "legendre:3"},
      {"legendre:4", "piecewise_constant:3"}
    };
    SplittableRandom r = new SplittableRandom(1);
    for (String[] p : pairs) {
      for (Method m : Method.values()) {
        ChangeOfBasis map = m.between(Basis.parse(p[0]), Basis.parse(p[1]));
        int trailing = 7;
        double[] a = new double[map.from().size() * trailing];
        for (int i = 0; i < a.length; i++) {
          a[i] = r.nextGaussian();
        }
        L2Error mine = new ExactError(map).add(a, map.apply(a, trailing), trailing).result();
        L2Error theirs = ErrorAccumulator.of(map).add(a, trailing).result();
        assertThat(mine.absolute())
            .as(p[0] + " -> " + p[1] + " " + m)
            .isCloseTo(theirs.absolute(), within(1e-12 * theirs.norm()));
        assertThat(mine.norm()).isCloseTo(theirs.norm(), within(1e-12 * theirs.norm()));
      }
    }
  }

  /**
   * A function already in the target space (pc:4 inside pc:8) has zero error, not a rounding floor.
   */
  @Test
  void nestedSpacesHaveZeroError() {
    ChangeOfBasis map =
        Method.PROJECTION.between(
            Basis.parse("piecewise_constant:4"), Basis.parse("piecewise_constant:8"));
    double[] a = {0.1, -2.5, 3e5, 7};
    assertThat(new ExactError(map).add(a, map.apply(a, 1), 1).result().absolute()).isZero();
  }

  @Test
  void shapesMustAgree() {
    ChangeOfBasis map =
        Method.PROJECTION.between(
            Basis.parse("piecewise_constant:4"), Basis.parse("piecewise_constant:2"));
    assertThatThrownBy(() -> new ExactError(map).add(new double[8], new double[3], 2))
        .hasMessage("error: expected [4, 2] and [2, 2] tensors, found 8 and 3 values");
  }
}
