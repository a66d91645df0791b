package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;
import org.odenet4j.savedmodel.Staging;
import org.odenet4j.savedmodel.VersionPublisher;

/**
 * A run into BASE removes the staging directories that killed runs left there, but never the one of
 * a run that is still going on in another process (however long it takes), nor a {@code .tmp-…}
 * directory it did not make.
 */
class StagingCleanupTest {
  @TempDir Path dir;

  @AfterEach
  void nothingSurvives() {
    KillRuns.assertNoLiveForks();
  }

  /**
   * An export into {@code base} in another JVM, parked at {@code stage} with its staging directory
   * written.
   */
  private record Parked(Process process, Path staging) {}

  private static Parked park(Path base, String stage) throws Exception {
    Process p =
        Forks.java(ExportLoopMain.class, base.toString(), stage)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String prefix = "AT " + stage + " ";
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.startsWith(prefix)) {
        return new Parked(p, Path.of(line.substring(prefix.length())));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the export never reached " + stage + ", exit " + p.waitFor());
  }

  private static void kill(Process p) throws Exception {
    p.destroyForcibly();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("128 + SIGKILL").isEqualTo(137);
  }

  private static void compress(Path source, Path base) {
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "compress",
            source.toString(),
            "--out",
            base.toString(),
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1");
    assertThat(exit).as(err.toString()).isZero();
  }

  @Test
  void aRunRemovesKilledRunsStagingButNeverALiveRunsOrAForeignDirectory() throws Exception {
    Path source = KillRuns.exportSource(dir.resolve("source"));
    Path base = dir.resolve("models");
    Parked live = park(base, "MANIFEST_WRITTEN");
    Path foreign = Files.createDirectories(base.resolve(".tmp-not-ours"));
    try {
      Parked second =
          park(
              base,
              "SAVED_MODEL_WRITTEN"); // two exports alive at once: the second keeps off the first's
      kill(second.process());
      Path dead = second.staging();
      assertThat(dead).isDirectory();
      assertThat(live.staging())
          .as("the live run's staging, not removed by the other export")
          .isDirectory();

      compress(source, base);
      assertThat(dead)
          .as("the killed run's staging, after a compress into the same BASE")
          .doesNotExist();
      assertThat(Path.of(dead + Staging.LOCK_SUFFIX)).doesNotExist();
      assertThat(live.staging())
          .as("the live run's staging after a compress into the same BASE")
          .isDirectory();
      assertThat(live.staging().resolve("assets.extra/odenet.json")).isRegularFile();
      assertThat(live.staging().resolve("saved_model.pb")).isRegularFile();
      assertThat(Path.of(live.staging() + Staging.LOCK_SUFFIX)).isRegularFile();
      assertThat(foreign).isDirectory();
    } finally {
      kill(live.process());
    }
    compress(source, base);
    assertThat(live.staging())
        .as("the staging of the run killed last, after the next compress")
        .doesNotExist();
    assertThat(KillRuns.names(base))
        .containsExactly(VersionPublisher.LOCK_FILE, ".tmp-not-ours", "1", "2");
  }
}
