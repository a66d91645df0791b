package org.odenet4j.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.PiecewiseConstantBasis;
import org.odenet4j.basis.Side;
import org.odenet4j.basis.Term;

class StageTimesTest {

  /** The single pc coefficient read at a stage. */
  private static int cell(Basis pc, Stage s) {
    var terms = pc.terms(s.t(), s.side());
    assertThat(terms).hasSize(1);
    Term term = terms.get(0);
    assertThat(term.weight()).isEqualTo(1.0);
    return term.index();
  }

  @Test
  void eulerOnAnIntegerGridReadsEveryCoefficientExactlyOnce() {
    // digest §11.4: arange(0, 1, 1/N) with int(K·t) reads coefficient n−1 twice for N = 7, 12 and
    // takes
    // N+1 steps for N = 49; the exact rule is cell = floor(n·K/N) = n for K = N
    for (int n : new int[] {7, 12, 49, 98, 103}) {
      StageTimes times = StageTimes.of(Scheme.EULER, n);
      Basis pc = new PiecewiseConstantBasis(n);
      assertThat(times.stages()).as("N=%d", n).hasSize(n);
      for (Stage s : times.stages()) {
        assertThat(cell(pc, s)).as("N=%d step %d", n, s.step()).isEqualTo(s.step());
      }
    }
  }

  @Test
  void coarserPiecewiseConstantIsReadFloorNKOverNTimes() {
    // K = 3, N = 12 Euler: step n reads cell floor(3n/12)
    StageTimes times = StageTimes.of(Scheme.EULER, 12);
    Basis pc = new PiecewiseConstantBasis(3);
    for (Stage s : times.stages()) {
      assertThat(cell(pc, s)).isEqualTo(3 * s.step() / 12);
    }
  }

  @Test
  void everyStageOfAStepReadsTheStepsOwnCell() {
    // digest §4: the end stage (c = 1) must not read cell n+1 (the reference code's t + dt − 1e-5)
    for (Scheme scheme : Scheme.ALL) {
      for (int n : new int[] {1, 5, 12}) {
        Basis pc = new PiecewiseConstantBasis(n);
        for (Stage s : StageTimes.of(scheme, n).stages()) {
          assertThat(cell(pc, s))
              .as("%s N=%d step %d stage %d", scheme, n, s.step(), s.stage())
              .isEqualTo(s.step());
        }
      }
    }
  }

  @Test
  void stageDepthsAreExactRatiosAndEndStagesReadFromTheLeft() {
    StageTimes rk4 = StageTimes.of(Scheme.RK4, 3);
    assertThat(rk4.evaluations()).isEqualTo(12);
    assertThat(rk4.dt()).isEqualTo(1.0 / 3);
    for (Stage s : rk4.stages()) {
      double c = new double[] {0, 0.5, 0.5, 1}[s.stage()];
      assertThat(s.t())
          .isEqualTo((s.step() + c) / 3); // (n + c)/N, same rounding as the integer ratio
      assertThat(s.side()).isEqualTo(s.stage() == 3 ? Side.LEFT : Side.RIGHT);
      assertThat(s.index()).isEqualTo(4 * s.step() + s.stage());
    }
    assertThat(rk4.stages().get(11).t()).isEqualTo(1.0);
    StageTimes r38 = StageTimes.of(Scheme.RK4_38, 1);
    assertThat(r38.stages()).extracting(Stage::t).containsExactly(0.0, 1.0 / 3, 2.0 / 3, 1.0);
    assertThat(r38.nodes())
        .extracting(Basis.Node::side)
        .containsExactly(Side.RIGHT, Side.RIGHT, Side.RIGHT, Side.LEFT);
    assertThat(StageTimes.of(Scheme.MIDPOINT, 2).stages())
        .extracting(Stage::t)
        .containsExactly(0.0, 0.25, 0.5, 0.75);
  }

  @Test
  void nonPositiveStepCountIsRejected() {
    assertThatThrownBy(() -> StageTimes.of(Scheme.EULER, 0))
        .hasMessageContaining("expected N >= 1, found 0");
  }
}
