package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.savedmodel.VersionPublisher;

/**
 * Two {@code odenet compress} processes publishing into one BASE at once, six rounds: without
 * {@code --version} both publish, as two distinct complete versions; with the same explicit {@code
 * --version} one publishes it and the other is refused cleanly (exit 2, one stderr line naming the
 * version), and nothing half-written is left in BASE either way.
 */
class ConcurrentCompressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @AfterEach
  void nothingSurvives() {
    KillRuns.assertNoLiveForks();
  }

  private record Run(int exit, String stdout, List<String> stderr) {}

  @Test
  void twoRunsIntoOneBaseBothPublishOrOneIsRefusedCleanly() throws Exception {
    long start = System.nanoTime();
    ImageDataset test = KillRuns.tinyData(dir.resolve("data")).test();
    Path source = KillRuns.exportSource(dir.resolve("source"));
    Path base = dir.resolve("models");
    Evaluation reference = null;
    for (int round = 1; round <= 6; round++) {
      boolean explicit = round % 2 == 0;
      long version = 10L * round + 5; // above every version so far: 25, 45, 65
      List<Long> before = KillRuns.versions(base);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "compress",
                  source.toString(),
                  "--out",
                  base.toString(),
                  "--basis",
                  "piecewise_constant:1",
                  "--steps",
                  "1",
                  "--json"));
      if (explicit) {
        args.addAll(List.of("--version", Long.toString(version)));
      }
      List<Process> forks = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path out = dir.resolve("round" + round + "-" + i + ".out");
        Path err = dir.resolve("round" + round + "-" + i + ".err");
        outs.add(out);
        outs.add(err);
        forks.add(
            Forks.java(Main.class, args.toArray(String[]::new))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start());
      }
      List<Run> runs = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          Process p = forks.get(i);
          assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
          runs.add(
              new Run(
                  p.exitValue(),
                  Files.readString(outs.get(2 * i)),
                  Files.readAllLines(outs.get(2 * i + 1))));
        }
      } finally {
        forks.forEach(Process::destroyForcibly);
      }
      String what =
          "round " + round + (explicit ? " (--version " + version + ")" : "") + ": " + runs;
      List<Long> added = new ArrayList<>(KillRuns.versions(base));
      added.removeAll(before);
      List<Run> published = runs.stream().filter(r -> r.exit() == 0).toList();
      if (!explicit) {
        assertThat(published).as(what).hasSize(2);
        assertThat(added).as(what).hasSize(2);
      } else {
        assertThat(published).as(what).hasSize(1);
        assertThat(added).as(what).containsExactly(version);
        Run refused = runs.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
        assertThat(refused.exit()).as(what).isEqualTo(2);
        assertThat(refused.stderr())
            .as(what)
            .containsExactly(
                "odenet: error: "
                    + base.resolve(Long.toString(version))
                    + ": version: expected a new version, found version "
                    + version
                    + " already exists (not overwritten)");
        assertThat(refused.stdout()).as(what).isEmpty();
      }
      // each publishing run reports its own version, and that is a version it added
      List<Long> reported = new ArrayList<>();
      for (Run r : published) {
        JsonNode report = JSON.readTree(r.stdout().strip());
        assertThat(report.get("published").asBoolean()).as(what).isTrue();
        reported.add(report.get("version").asLong());
        assertThat(report.get("output").asText())
            .isEqualTo(base.resolve(Long.toString(report.get("version").asLong())).toString());
      }
      assertThat(reported).as(what).containsExactlyInAnyOrderElementsOf(added);
      // nothing half-written: only versions and the lock file, every new version complete and the
      // same model
      assertThat(KillRuns.names(base))
          .as(what)
          .allMatch(n -> KillRuns.isVersion(n) || n.equals(VersionPublisher.LOCK_FILE));
      for (long v : added) {
        Evaluation e = KillRuns.validateAndEvaluate(base.resolve(Long.toString(v)), test);
        if (reference == null) {
          reference = e;
        }
        assertThat(e.correct())
            .as("%s: correct of version %d", what, v)
            .isEqualTo(reference.correct());
        assertThat(e.loss()).as("%s: loss of version %d", what, v).isEqualTo(reference.loss());
      }
    }
    assertThat(KillRuns.versions(base)).hasSize(9); // 3 rounds x 2 + 3 rounds x 1
    System.out.printf(
        "concurrent compress: 6 rounds, versions %s, %.1f s%n",
        KillRuns.versions(base), (System.nanoTime() - start) / 1e9);
  }
}
