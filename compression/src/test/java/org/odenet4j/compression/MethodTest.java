package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.Interpolation;
import org.odenet4j.basis.Projection;

class MethodTest {
  @Test
  void sameBasisIsExactlyTheIdentity() {
    for (String b :
        new String[] {
          "piecewise_constant:16", "fem_linear:5", "legendre:3", "piecewise_linear:4"
        }) {
      Basis basis = Basis.parse(b);
      for (Method m : Method.values()) {
        ChangeOfBasis t = m.between(basis, basis);
        for (int i = 0; i < basis.size(); i++) {
          for (int j = 0; j < basis.size(); j++) {
            assertThat(t.at(i, j)).isEqualTo(i == j ? 1.0 : 0.0);
          }
        }
      }
    }
  }

  /**
   * pc:16 → pc:8 projection averages pairs with weights exactly ½ (the paper's compression of its
   * CIFAR model).
   */
  @Test
  void piecewiseConstantHalvingIsExactPairAveraging() {
    ChangeOfBasis t =
        Method.PROJECTION.between(
            Basis.parse("piecewise_constant:16"), Basis.parse("piecewise_constant:8"));
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(t.at(i, j)).isEqualTo(j / 2 == i ? 0.5 : 0.0);
      }
    }
    // interpolation samples the cell midpoints (k + ½)/8, which lie in source cell 2k + 1
    ChangeOfBasis s =
        Method.INTERPOLATION.between(
            Basis.parse("piecewise_constant:16"), Basis.parse("piecewise_constant:8"));
    assertThat(s.at(3, 7)).isEqualTo(1.0);
    assertThat(s.at(3, 6)).isEqualTo(0.0);
  }

  /** Otherwise the operators are those of tf-ops (issue 1). */
  @Test
  void otherwiseTheBasisOperators() {
    Basis a = Basis.parse("piecewise_constant:16");
    Basis b = Basis.parse("fem_linear:9");
    ChangeOfBasis mine = Method.PROJECTION.between(a, b);
    ChangeOfBasis theirs = Projection.between(a, b);
    ChangeOfBasis pc = Method.PROJECTION.between(a, Basis.parse("piecewise_constant:5"));
    ChangeOfBasis pcTheirs = Projection.between(a, Basis.parse("piecewise_constant:5"));
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(mine.at(i, j)).isEqualTo(theirs.at(i, j));
        assertThat(Method.INTERPOLATION.between(a, b).at(i, j))
            .isEqualTo(Interpolation.between(a, b).at(i, j));
      }
    }
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(pc.at(i, j)).isCloseTo(pcTheirs.at(i, j), within(1e-14));
      }
    }
  }

  @Test
  void parse() {
    assertThat(Method.parse(" Projection ")).isEqualTo(Method.PROJECTION);
    assertThat(Method.parse("interpolation")).isEqualTo(Method.INTERPOLATION);
    assertThat(Method.INTERPOLATION).hasToString("interpolation");
    assertThatThrownBy(() -> Method.parse("svd"))
        .hasMessage("method: expected projection or interpolation, found 'svd'");
  }
}
