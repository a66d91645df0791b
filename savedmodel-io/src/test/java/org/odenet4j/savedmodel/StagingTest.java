package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging directories and their owner lock files: a run's staging directory is removed by a later
 * run once its owner is gone (a killed run cannot remove it itself), never while its owner lives,
 * and a {@code .tmp-…} directory not made by {@link Staging} is left alone. (Owners in other
 * processes, killed or alive: {@code StagingCleanupTest} in integration-tests.)
 */
class StagingTest {
  @TempDir Path base;

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(base)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * What a killed run leaves: a staging directory with content, and its lock file, locked by
   * nobody.
   */
  private Path deadRun(String name) throws Exception {
    Path dir = Files.createDirectories(base.resolve(name).resolve("variables"));
    Files.writeString(dir.resolve("variables.index"), "half");
    Files.createFile(base.resolve(name + Staging.LOCK_SUFFIX));
    return base.resolve(name);
  }

  @Test
  void aNewStagingRemovesDeadRunsStagingButNotALiveOrForeignOne() throws Exception {
    deadRun(".tmp-new-0123456789ab");
    deadRun(".tmp-compress-0123456789ab");
    Files.createFile(
        base.resolve(
            ".tmp-7-0123456789ab" + Staging.LOCK_SUFFIX)); // killed before making its directory
    Path foreign =
        Files.createDirectories(base.resolve(".tmp-foreign")); // no lock file: not ours, kept
    Files.createDirectories(base.resolve("3"));
    try (Staging live = Staging.create(base, "new")) {
      String liveName = live.directory().getFileName().toString();
      assertThat(liveName).matches("\\.tmp-new-[0-9a-f]{12}");
      assertThat(live.directory()).isEmptyDirectory();
      assertThat(names())
          .containsExactly(".tmp-foreign", liveName, liveName + Staging.LOCK_SUFFIX, "3");
      Files.writeString(live.directory().resolve("saved_model.pb"), "x");
      // a second run (or a second cleanup) leaves the live one alone
      try (Staging other = Staging.create(base, "compress")) {
        assertThat(live.directory().resolve("saved_model.pb")).hasContent("x");
        assertThat(Staging.cleanStale(base)).isEmpty();
        assertThat(names())
            .contains(
                liveName,
                liveName + Staging.LOCK_SUFFIX,
                other.directory().getFileName() + Staging.LOCK_SUFFIX);
      }
      assertThat(names())
          .containsExactly(".tmp-foreign", liveName, liveName + Staging.LOCK_SUFFIX, "3");
    }
    assertThat(names()).containsExactly(".tmp-foreign", "3");
    assertThat(foreign).isEmptyDirectory();
  }

  @Test
  void cleanStaleNamesWhatItRemoved() throws Exception {
    deadRun(".tmp-new-00000000000a");
    Files.createFile(base.resolve(".tmp-new-00000000000b" + Staging.LOCK_SUFFIX));
    assertThat(Staging.cleanStale(base))
        .containsExactly(
            ".tmp-new-00000000000a", ".tmp-new-00000000000a.lock", ".tmp-new-00000000000b.lock");
    assertThat(names()).isEmpty();
    assertThat(Staging.cleanStale(base.resolve("no-such-base"))).isEmpty();
  }

  @Test
  void closeRemovesAFailedRunsDirectoryAndAlwaysTheLockFile() throws Exception {
    try (Staging failed = Staging.create(base, "new")) {
      Files.writeString(
          Files.createDirectories(failed.directory().resolve("variables")).resolve("x"), "half");
    }
    assertThat(names()).isEmpty();
    Staging published = Staging.create(base, "new");
    Files.move(published.directory(), base.resolve("1")); // what VersionPublisher does
    published.close();
    published.close(); // idempotent
    assertThat(names()).containsExactly("1");
  }
}
