package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefinementTest {
  private final Random rnd = new Random(42);

  private static Basis[] bases() {
    return new Basis[] {
      new PiecewiseConstantBasis(1),
      new PiecewiseConstantBasis(3),
      new PiecewiseConstantBasis(8),
      new PiecewiseLinearBasis(2),
      new PiecewiseLinearBasis(6),
      new FemLinearBasis(1),
      new FemLinearBasis(2),
      new FemLinearBasis(3),
      new FemLinearBasis(9),
      new LegendreBasis(1),
      new LegendreBasis(4)
    };
  }

  @Test
  void refinedFunctionEqualsTheOriginalAtEveryDepthAndBothSides() {
    for (Basis b : bases()) {
      ChangeOfBasis r = Refinement.of(b);
      double[] c = Numeric.random(rnd, b.size());
      double[] fine = r.apply(c);
      List<Double> depths = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        depths.add(rnd.nextDouble());
      }
      for (double x : r.to().breakpoints()) {
        depths.add(x); // every coarse and every new breakpoint
      }
      for (double t : depths) {
        for (Side side : Side.values()) {
          assertThat(r.to().value(fine, t, side))
              .as("%s t=%s %s", b.spec(), t, side)
              .isCloseTo(b.value(c, t, side), within(1e-14));
        }
      }
    }
  }

  @Test
  void refinedSizesFollowTheFamilyRules() {
    assertThat(Refinement.of(new PiecewiseConstantBasis(4)).to())
        .isEqualTo(new PiecewiseConstantBasis(8));
    assertThat(Refinement.of(new PiecewiseLinearBasis(4)).to())
        .isEqualTo(new PiecewiseLinearBasis(8));
    assertThat(Refinement.of(new FemLinearBasis(5)).to()).isEqualTo(new FemLinearBasis(9));
    assertThat(Refinement.of(new FemLinearBasis(1)).to()).isEqualTo(new FemLinearBasis(2));
    assertThat(Refinement.of(new LegendreBasis(3)).to()).isEqualTo(new LegendreBasis(6));
    // digest §4: fem split refinement goes 1 → 2 → 3 → 5 → 9
    Basis b = new FemLinearBasis(1);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      b = b.refined();
      sizes.add(b.size());
    }
    assertThat(sizes).containsExactly(2, 3, 5, 9);
  }

  @Test
  void refinementEqualsTheProjectionOntoTheRefinedBasis() {
    // second route: span(B) ⊂ span(refined B), so the L2 projection must give the same matrix
    for (Basis b : bases()) {
      double[][] split = Refinement.of(b).matrix();
      double[][] projected = Projection.between(b, b.refined()).matrix();
      assertThat(Numeric.maxAbsDiff(split, projected)).as(b.spec()).isLessThan(1e-12);
    }
  }

  @Test
  void piecewiseConstantRefinementDuplicates() {
    assertThat(Refinement.of(new PiecewiseConstantBasis(3)).apply(new double[] {1, 2, 3}))
        .containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(Refinement.of(new FemLinearBasis(3)).apply(new double[] {1, 3, 2}))
        .containsExactly(1, 2, 3, 2.5, 2);
  }
}
