package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;

class SweepTest {
  @TempDir static Path tmp;
  static Path source;

  @BeforeAll
  static void export() {
    source = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("src"), 21);
  }

  /**
   * Without data nothing is exported: one row per grid point, zero error at K = K_A, error
   * non-increasing in K for nested pc projections.
   */
  @Test
  void dataFreeGrid() {
    String before = TestModels.treeHash(tmp);
    SweepResult r =
        Sweep.create()
            .sizes(List.of(4, 2, 1))
            .steps(List.of(4, 2))
            .schemes(List.of("euler", "rk4"))
            .methods(List.of(Method.PROJECTION, Method.INTERPOLATION))
            .run(source);
    assertThat(r.rows()).hasSize(3 * 2 * 2 * 2);
    assertThat(r.sourceRow().k()).isEqualTo(4);
    assertThat(r.sourceRow().accuracy()).isNull();
    for (SweepResult.Row row : r.rows()) {
      assertThat(row.output()).isNull();
      assertThat(row.accuracy()).isNull();
      if (row.k() == 4) {
        assertThat(row.relativeError()).isZero();
        assertThat(row.parameters()).isEqualTo(r.sourceRow().parameters());
      }
      assertThat(row.stageEvaluations())
          .isEqualTo(3L * row.steps() * (row.scheme().equals("rk4") ? 4 : 1));
    }
    List<SweepResult.Row> projection =
        r.rows().stream()
            .filter(
                x ->
                    x.method().equals("projection") && x.scheme().equals("euler") && x.steps() == 4)
            .toList();
    assertThat(projection).extracting(SweepResult.Row::k).containsExactly(4, 2, 1);
    assertThat(projection.get(1).relativeError())
        .isLessThanOrEqualTo(projection.get(2).relativeError());
    // projection is the L2-best approximation: never worse than interpolation at the same K
    for (SweepResult.Row p : r.rows()) {
      if (p.method().equals("projection")) {
        SweepResult.Row i =
            r.rows().stream()
                .filter(
                    x ->
                        x.method().equals("interpolation")
                            && x.k() == p.k()
                            && x.steps() == p.steps()
                            && x.scheme().equals(p.scheme()))
                .findFirst()
                .orElseThrow();
        assertThat(p.relativeError()).isLessThanOrEqualTo(i.relativeError() + 1e-12);
      }
    }
    assertThat(TestModels.treeHash(tmp)).isEqualTo(before);
    assertThat(r.toJson()).contains("\"rows\":[", "\"relative_error\":");
    assertThat(r.toTable()).contains("projection", "interpolation");
  }

  /**
   * With a scorer every point is exported and scored (the source once); kept models stay as
   * versions under the base.
   */
  @Test
  void scoredAndKept() {
    int[] scored = {0};
    ModelScorer scorer =
        dir -> {
          scored[0]++;
          return new ModelScorer.Score(10, dir.startsWith(source) ? 0.9 : 0.5, 1, 2);
        };
    Path keep = tmp.resolve("kept");
    SweepResult r =
        Sweep.create().sizes(List.of(2, 1)).steps(List.of(4)).scorer(scorer).keep(keep).run(source);
    assertThat(scored[0]).isEqualTo(1 + 2);
    assertThat(r.sourceRow().accuracy()).isEqualTo(0.9);
    assertThat(r.rows()).extracting(SweepResult.Row::accuracy).containsExactly(0.5, 0.5);
    assertThat(r.rows())
        .extracting(SweepResult.Row::output)
        .containsExactly(keep.resolve("1").toString(), keep.resolve("2").toString());
    assertThat(Exporter.versions(keep)).containsExactly(1L, 2L);
    assertThat(r.scored()).isTrue();
  }

  /**
   * --keep without a scorer publishes every grid point as a version (unscored), as the README says;
   * it does not fall back to the error-only, nothing-exported mode.
   */
  @Test
  void keptWithoutAScorerPublishesEveryPoint() {
    Path keep = tmp.resolve("kept-unscored");
    SweepResult r = Sweep.create().sizes(List.of(2, 1)).steps(List.of(4)).keep(keep).run(source);
    assertThat(r.rows()).extracting(SweepResult.Row::accuracy).containsOnlyNulls();
    assertThat(Exporter.versions(keep)).containsExactly(1L, 2L);
  }

  /**
   * --keep equal to the source's own base is refused before any work: otherwise every grid point
   * becomes the base's newest version and a server following the latest would serve the last one.
   * The base keeps exactly the versions it had.
   */
  @Test
  void keepInTheSourcesOwnBaseIsRefused() throws Exception {
    Path base = tmp.resolve("own-base");
    Path src = TestModels.export(TestModels.image("piecewise_constant:4", 4), base, 5);
    assertThat(Exporter.versions(base)).containsExactly(1L);
    int[] scored = {0};
    ModelScorer scorer =
        dir -> {
          scored[0]++;
          return new ModelScorer.Score(10, 0.5, 1, 2);
        };
    for (Path keep : List.of(base, base.resolve("x/.."), src.resolve(".."))) {
      assertThatThrownBy(
              () -> Sweep.create().sizes(List.of(2, 1)).scorer(scorer).keep(keep).run(base))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              keep
                  + ": keep: expected a base other than the source's own (every grid point would become its newest "
                  + "version, which a server following the latest version serves; keep them in another folder), found the base of "
                  + src);
    }
    assertThat(scored[0]).isZero();
    assertThat(Exporter.versions(base)).containsExactly(1L);
  }

  /** A known source score is used as given: the scorer runs on the grid points only. */
  @Test
  void knownSourceScoreIsNotMeasuredAgain() {
    List<Path> scored = new java.util.ArrayList<>();
    ModelScorer scorer =
        dir -> {
          scored.add(dir);
          return new ModelScorer.Score(10, 0.5, 1, 2);
        };
    SweepResult r =
        Sweep.create()
            .sizes(List.of(1))
            .steps(List.of(4))
            .scorer(scorer)
            .sourceScore(new ModelScorer.Score(10, 0.75, 3, 4))
            .run(source);
    assertThat(scored).hasSize(1).noneMatch(d -> d.startsWith(source));
    assertThat(r.sourceRow().accuracy()).isEqualTo(0.75);
  }

  /** Scored but not kept: the compressed models are deleted again. */
  @Test
  void scoredNotKeptLeavesNothing() throws Exception {
    Path before = tmp.resolve("src");
    ModelScorer scorer = dir -> new ModelScorer.Score(10, 0.5, 1, 2);
    SweepResult r = Sweep.create().sizes(List.of(1)).scorer(scorer).run(source);
    assertThat(r.rows()).hasSize(1);
    assertThat(r.rows().get(0).output()).isNull();
    assertThat(before.resolve("1")).exists();
  }

  @Test
  void defaultSizesHalveTheSourceK() {
    assertThat(Sweep.halvings(16)).containsExactly(16, 8, 4, 2, 1);
    assertThat(Sweep.halvings(6)).containsExactly(6, 3, 1);
    assertThat(Sweep.halvings(1)).containsExactly(1);
  }

  /**
   * The default K list of every family starts at the block's own K (when valid) and holds only K
   * the family accepts.
   */
  @Test
  void defaultSizesAreValidForTheFamily() {
    assertThat(Sweep.defaultSizes("piecewise_constant", 16)).containsExactly(16, 8, 4, 2, 1);
    assertThat(Sweep.defaultSizes("legendre", 6)).containsExactly(6, 3, 1);
    // piecewise_linear: even K >= 2 only (K/2 elements halved)
    assertThat(Sweep.defaultSizes("piecewise_linear", 8)).containsExactly(8, 4, 2);
    assertThat(Sweep.defaultSizes("piecewise_linear", 12)).containsExactly(12, 6, 2);
    assertThat(Sweep.defaultSizes("piecewise_linear", 7)).containsExactly(6, 2);
    assertThat(Sweep.defaultSizes("piecewise_linear", 1)).containsExactly(2);
    // fem_linear: the refinement chain 1 -> 2 -> 3 -> 5 -> 9 backwards
    assertThat(Sweep.defaultSizes("fem_linear", 9)).containsExactly(9, 5, 3, 2, 1);
    assertThat(Sweep.defaultSizes("fem_linear", 8)).containsExactly(8, 4, 2, 1);
    for (String f : org.odenet4j.basis.BasisSpec.FAMILIES) {
      for (int k = 1; k <= 40; k++) {
        for (int x : Sweep.defaultSizes(f, k)) {
          assertThat(new org.odenet4j.basis.BasisSpec(f, x).size())
              .isEqualTo(x); // constructing validates
        }
      }
    }
  }

  /**
   * Without --sizes a piecewise_linear source sweeps K = 8, 4, 2 (never the invalid 1), and so does
   * --family piecewise_linear on a piecewise_constant source; K = K_A is an exact copy.
   */
  @Test
  void defaultSizesOfAPiecewiseLinearTarget() {
    Path pl = TestModels.export(TestModels.image("piecewise_linear:8", 8), tmp.resolve("pl"), 22);
    SweepResult r = Sweep.create().run(pl);
    assertThat(r.rows())
        .extracting(SweepResult.Row::basis)
        .containsExactly("piecewise_linear:8", "piecewise_linear:4", "piecewise_linear:2");
    assertThat(r.rows().get(0).relativeError()).isZero();
    assertThat(r.rows().get(0).parameters()).isEqualTo(r.sourceRow().parameters());
    SweepResult onto =
        Sweep.create().family("piecewise_linear").run(source); // piecewise_constant:4
    assertThat(onto.rows()).extracting(SweepResult.Row::k).containsExactly(4, 2);
  }

  /**
   * A K that is invalid for a block's target family fails before any work: the source is not
   * scored, no version is kept, and the message names the block, the family and the K.
   */
  @Test
  void invalidGridPointFailsBeforeAnyWork() {
    int[] scored = {0};
    ModelScorer scorer =
        dir -> {
          scored[0]++;
          return new ModelScorer.Score(10, 0.5, 1, 2);
        };
    Path keep = tmp.resolve("never");
    assertThatThrownBy(
            () ->
                Sweep.create()
                    .family("piecewise_linear")
                    .sizes(List.of(4, 2, 1))
                    .scorer(scorer)
                    .keep(keep)
                    .run(source))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sweep K for block stage1/block: piecewise_linear: expected an even K >= 2, found K = 1");
    assertThat(scored[0]).isZero();
    assertThat(keep).doesNotExist();
  }

  /**
   * A model with its own discretisation per block is swept around each block's own K, N and scheme:
   * the first row reproduces the source (zero error, same parameters and stage evaluations), later
   * rows reduce each block's own K; given steps apply to every block.
   */
  @Test
  void perBlockDefaultsReproduceTheSource() {
    List<OdeBlockSpec> blocks =
        List.of(
            new OdeBlockSpec("piecewise_constant:4", 4, "euler", 1.0, CoefficientInit.INDEPENDENT),
            new OdeBlockSpec("legendre:3", 2, "rk4", 1.0, CoefficientInit.INDEPENDENT),
            new OdeBlockSpec("fem_linear:5", 3, "midpoint", 1.0, CoefficientInit.INDEPENDENT));
    Path mixed =
        TestModels.export(
            new ImageModelSpec(List.of(8, 8, 1), 4, 3, "relu", blocks, 1.0),
            tmp.resolve("mixed"),
            23);
    SweepResult r = Sweep.create().run(mixed);
    List<String> source =
        List.of(
            "stage1/block=piecewise_constant:4/4/euler",
            "stage2/block=legendre:3/2/rk4",
            "stage3/block=fem_linear:5/3/midpoint");
    assertThat(r.sourceRow().blocks()).isEqualTo(source);
    // pc 4, 2, 1; legendre 3, 1; fem 5, 3, 2, 1: four rows, shorter lists stay at their smallest K
    assertThat(r.rows())
        .extracting(SweepResult.Row::blocks)
        .containsExactly(
            source,
            List.of(
                "stage1/block=piecewise_constant:2/4/euler",
                "stage2/block=legendre:1/2/rk4",
                "stage3/block=fem_linear:3/3/midpoint"),
            List.of(
                "stage1/block=piecewise_constant:1/4/euler",
                "stage2/block=legendre:1/2/rk4",
                "stage3/block=fem_linear:2/3/midpoint"),
            List.of(
                "stage1/block=piecewise_constant:1/4/euler",
                "stage2/block=legendre:1/2/rk4",
                "stage3/block=fem_linear:1/3/midpoint"));
    SweepResult.Row first = r.rows().get(0);
    assertThat(first.relativeError()).isZero();
    assertThat(first.parameters()).isEqualTo(r.sourceRow().parameters());
    // N x stages: 4 x 1 (euler) + 2 x 4 (rk4) + 3 x 2 (midpoint)
    assertThat(first.stageEvaluations()).isEqualTo(18).isEqualTo(r.sourceRow().stageEvaluations());
    assertThat(r.rows()).allSatisfy(row -> assertThat(row.perBlock()).isTrue());
    assertThat(r.toTable())
        .contains(
            "blocks stage1/block=piecewise_constant:2/4/euler, stage2/block=legendre:1/2/rk4");
    assertThat(r.toJson()).contains("\"blocks\":[\"stage1/block=piecewise_constant:4/4/euler\"");

    SweepResult twoSteps = Sweep.create().sizes(List.of(1)).steps(List.of(2)).run(mixed);
    assertThat(twoSteps.rows())
        .singleElement()
        .extracting(SweepResult.Row::blocks)
        .isEqualTo(
            List.of(
                "stage1/block=piecewise_constant:1/2/euler",
                "stage2/block=legendre:1/2/rk4",
                "stage3/block=fem_linear:1/2/midpoint"));
  }

  /** A uniform model's rows are not marked per block, and the table has no per-block lines. */
  @Test
  void uniformRowsHaveNoBlockLines() {
    SweepResult r = Sweep.create().run(source);
    assertThat(r.rows()).extracting(SweepResult.Row::k).containsExactly(4, 2, 1);
    assertThat(r.rows()).noneMatch(SweepResult.Row::perBlock);
    assertThat(r.rows().get(0).blocks())
        .hasSize(3)
        .allMatch(b -> b.endsWith("=piecewise_constant:4/4/euler"));
    assertThat(r.toTable()).doesNotContain("blocks stage1");
  }
}
