package org.odenet4j.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SchemeTest {

  /**
   * The highest p ≤ 5 for which all Butcher order conditions up to order p hold (order 5: bushy
   * tree only).
   */
  private static int conditionsSatisfied(Scheme s) {
    int n = s.stages();
    double[] c = new double[n];
    double[] ac = new double[n];
    double[] ac2 = new double[n];
    double[] aac = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = s.c(i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ac[i] += s.a()[i][j] * c[j];
        ac2[i] += s.a()[i][j] * c[j] * c[j];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        aac[i] += s.a()[i][j] * ac[j];
      }
    }
    double[][] lhs = new double[6][];
    lhs[1] = new double[] {sum(s.b(), null, 0)};
    lhs[2] = new double[] {sum(s.b(), c, 1)};
    lhs[3] = new double[] {sum(s.b(), c, 2), dot(s.b(), ac)};
    double bcac = 0;
    for (int i = 0; i < n; i++) {
      bcac += s.b()[i] * c[i] * ac[i];
    }
    lhs[4] = new double[] {sum(s.b(), c, 3), bcac, dot(s.b(), ac2), dot(s.b(), aac)};
    lhs[5] = new double[] {sum(s.b(), c, 4)};
    double[][] rhs = {
      null, {1}, {1.0 / 2}, {1.0 / 3, 1.0 / 6}, {1.0 / 4, 1.0 / 8, 1.0 / 12, 1.0 / 24}, {1.0 / 5}
    };
    int p = 0;
    for (int order = 1; order <= 5; order++) {
      for (int k = 0; k < rhs[order].length; k++) {
        if (Math.abs(lhs[order][k] - rhs[order][k]) > 1e-14) {
          return p;
        }
      }
      p = order;
    }
    return p;
  }

  private static double sum(double[] b, double[] c, int power) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += b[i] * (c == null ? 1.0 : Math.pow(c[i], power));
    }
    return s;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  @Test
  void stageNodesAreTheRowSumsOfA() {
    // consistency cᵢ = Σⱼ aᵢⱼ, and a strictly lower triangular (explicit)
    for (Scheme s : Scheme.ALL) {
      for (int i = 0; i < s.stages(); i++) {
        double row = 0;
        for (int j = 0; j < s.stages(); j++) {
          row += s.a()[i][j];
          if (j >= i) {
            assertThat(s.a()[i][j]).as("%s a[%d][%d]", s, i, j).isZero();
          }
        }
        assertThat(row).as("%s row %d", s, i).isCloseTo(s.c(i), within(1e-15));
      }
      assertThat(sum(s.b(), null, 0)).as("%s Σb", s).isCloseTo(1.0, within(1e-15));
    }
  }

  @Test
  void declaredOrderIsExactlyTheOrderOfTheTableau() {
    // Butcher conditions hold up to the declared order and fail one order above
    for (Scheme s : Scheme.ALL) {
      assertThat(conditionsSatisfied(s)).as(s.name()).isEqualTo(s.order());
    }
    assertThat(Scheme.ALL).extracting(Scheme::order).containsExactly(1, 2, 4, 4);
    assertThat(Scheme.ALL).extracting(Scheme::stages).containsExactly(1, 2, 4, 4);
  }

  @Test
  void textbookTableaux() {
    assertThat(Scheme.RK4.b())
        .containsExactly(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, within(1e-16));
    assertThat(Scheme.RK4_38.b())
        .containsExactly(new double[] {1.0 / 8, 3.0 / 8, 3.0 / 8, 1.0 / 8}, within(1e-16));
    assertThat(Scheme.RK4_38.c(2)).isEqualTo(2.0 / 3);
    assertThat(Scheme.MIDPOINT.c(1)).isEqualTo(0.5);
  }

  @Test
  void onlyTheLastRk4StagesEndTheStep() {
    assertThat(Scheme.RK4.endsStep(3)).isTrue();
    assertThat(Scheme.RK4.endsStep(2)).isFalse();
    assertThat(Scheme.RK4_38.endsStep(3)).isTrue();
    assertThat(Scheme.EULER.endsStep(0)).isFalse();
    assertThat(Scheme.MIDPOINT.endsStep(1)).isFalse();
  }

  @Test
  void namesResolveCaseInsensitivelyAndUnknownNamesListTheKnownOnes() {
    assertThat(Scheme.byName(" RK4_38 ")).isSameAs(Scheme.RK4_38);
    assertThat(Scheme.byName("euler")).isEqualTo(Scheme.EULER);
    assertThatThrownBy(() -> Scheme.byName("heun"))
        .hasMessageContaining("expected one of euler, midpoint, rk4, rk4_38")
        .hasMessageContaining("found 'heun'");
    assertThatThrownBy(
            () -> new Scheme("bad", 1, new double[1][1], new double[2], new int[1], new int[1]))
        .hasMessageContaining("tableau sizes disagree");
  }

  /**
   * A line break in the name is escaped in the message, which stays one line. Found by
   * ParserFuzzTest.
   */
  @Test
  void unknownNameMessageStaysOneLine() {
    assertThatThrownBy(() -> Scheme.byName("rk\n4"))
        .hasMessage("scheme: expected one of euler, midpoint, rk4, rk4_38, found 'rk\\n4'");
  }

  /**
   * The tableau cannot be changed from outside: writing into what an accessor returned, or into the
   * arrays a scheme was built from, leaves the scheme as it was (RK4's textbook weights 1/6, 1/3,
   * 1/3, 1/6 and a₃₂ = 1).
   */
  @Test
  void tableauCannotBeChangedByACaller() {
    Scheme.RK4.b()[0] = 1;
    Scheme.RK4.a()[3][2] = 5;
    Scheme.RK4.cNumerator()[1] = 7;
    assertThat(Scheme.RK4.b()).containsExactly(1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6);
    assertThat(Scheme.RK4.b(0)).isEqualTo(1.0 / 6);
    assertThat(Scheme.RK4.a(3, 2)).isEqualTo(1.0);
    assertThat(Scheme.RK4.c(1)).isEqualTo(0.5);
    double[] b = {1};
    double[][] a = {{0}};
    Scheme mine = new Scheme("mine", 1, a, b, new int[] {0}, new int[] {1});
    b[0] = 2;
    a[0][0] = 3;
    assertThat(mine.b(0)).isEqualTo(1.0);
    assertThat(mine.a(0, 0)).isEqualTo(0.0);
  }
}
