package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Exporter;

class SweepTest {
  @TempDir static Path tmp;
  static Path source;

  @BeforeAll
  static void export() {
    source = TestModels.export(TestModels.image("piecewise_constant:4", 4), tmp.resolve("src"), 21);
  }

  /** Without data nothing is exported: one row per grid point, zero error at K = K_A, error non-increasing in K for nested pc projections. */
  @Test
  void dataFreeGrid() {
    String before = TestModels.treeHash(tmp);
    SweepResult r = Sweep.create().sizes(List.of(4, 2, 1)).steps(List.of(4, 2)).schemes(List.of("euler", "rk4"))
        .methods(List.of(Method.PROJECTION, Method.INTERPOLATION)).run(source);
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
      assertThat(row.stageEvaluations()).isEqualTo(3L * row.steps() * (row.scheme().equals("rk4") ? 4 : 1));
    }
    List<SweepResult.Row> projection = r.rows().stream()
        .filter(x -> x.method().equals("projection") && x.scheme().equals("euler") && x.steps() == 4).toList();
    assertThat(projection).extracting(SweepResult.Row::k).containsExactly(4, 2, 1);
    assertThat(projection.get(1).relativeError()).isLessThanOrEqualTo(projection.get(2).relativeError());
    // projection is the L2-best approximation: never worse than interpolation at the same K
    for (SweepResult.Row p : r.rows()) {
      if (p.method().equals("projection")) {
        SweepResult.Row i = r.rows().stream().filter(x -> x.method().equals("interpolation") && x.k() == p.k()
            && x.steps() == p.steps() && x.scheme().equals(p.scheme())).findFirst().orElseThrow();
        assertThat(p.relativeError()).isLessThanOrEqualTo(i.relativeError() + 1e-12);
      }
    }
    assertThat(TestModels.treeHash(tmp)).isEqualTo(before);
    assertThat(r.toJson()).contains("\"rows\":[", "\"relative_error\":");
    assertThat(r.toTable()).contains("projection", "interpolation");
  }

  /** With a scorer every point is exported and scored (the source once); kept models stay as versions under the base. */
  @Test
  void scoredAndKept() {
    int[] scored = {0};
    ModelScorer scorer = dir -> {
      scored[0]++;
      return new ModelScorer.Score(10, dir.startsWith(source) ? 0.9 : 0.5, 1, 2);
    };
    Path keep = tmp.resolve("kept");
    SweepResult r = Sweep.create().sizes(List.of(2, 1)).steps(List.of(4)).scorer(scorer).keep(keep).run(source);
    assertThat(scored[0]).isEqualTo(1 + 2);
    assertThat(r.sourceRow().accuracy()).isEqualTo(0.9);
    assertThat(r.rows()).extracting(SweepResult.Row::accuracy).containsExactly(0.5, 0.5);
    assertThat(r.rows()).extracting(SweepResult.Row::output)
        .containsExactly(keep.resolve("1").toString(), keep.resolve("2").toString());
    assertThat(Exporter.versions(keep)).containsExactly(1L, 2L);
    assertThat(r.scored()).isTrue();
  }

  /** A known source score is used as given: the scorer runs on the grid points only. */
  @Test
  void knownSourceScoreIsNotMeasuredAgain() {
    List<Path> scored = new java.util.ArrayList<>();
    ModelScorer scorer = dir -> {
      scored.add(dir);
      return new ModelScorer.Score(10, 0.5, 1, 2);
    };
    SweepResult r = Sweep.create().sizes(List.of(1)).steps(List.of(4)).scorer(scorer)
        .sourceScore(new ModelScorer.Score(10, 0.75, 3, 4)).run(source);
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
}
