package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.SavedModels;
import org.odenet4j.savedmodel.Staging;
import org.odenet4j.savedmodel.VersionPublisher;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * SIGKILL during export (Process.destroyForcibly) at each stage before the rename and at varying
 * delays in an export loop never leaves a numbered version directory that fails to validate or
 * load; what a kill leaves behind is a non-numeric {@code .tmp-*} directory (and its lock file)
 * that servers ignore, and that the next run removes.
 */
class KilledExportTest {
  @TempDir Path tmp;

  /**
   * Starts ExportLoopMain, waits for a line starting with {@code waitFor}, sleeps, kills it;
   * returns its output.
   */
  private static List<String> killAfter(Path base, String mode, String waitFor, long delayMillis)
      throws Exception {
    Process p =
        Forks.java(ExportLoopMain.class, base.toString(), mode)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith(waitFor)) {
          break;
        }
      }
      assertThat(lines).as("fork output before the kill").anyMatch(l -> l.startsWith(waitFor));
      Thread.sleep(delayMillis);
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(137); // 128 + SIGKILL
    } finally {
      p.destroyForcibly();
    }
    return lines;
  }

  @Test
  void killedExportsNeverLeaveABrokenVersion() throws Exception {
    Path base = tmp.resolve("models");
    List<String> log = new ArrayList<>();
    // killed while parked at each stage before the rename: no version appears; the staging
    // directory and
    // its lock file stay until the next run, which removes them before it makes its own
    Path previous = null;
    for (String stage :
        new String[] {"VALUES_ASSIGNED", "SAVED_MODEL_WRITTEN", "MANIFEST_WRITTEN"}) {
      List<String> out = killAfter(base, stage, "AT " + stage, 0);
      log.add(stage + ": " + out);
      assertThat(Exporter.versions(base)).as("after a kill at " + stage).isEmpty();
      String at =
          out.stream().filter(l -> l.startsWith("AT " + stage + " ")).findFirst().orElseThrow();
      Path staging = Path.of(at.substring(("AT " + stage + " ").length()));
      assertThat(staging).as("staging directory of the run killed at " + stage).isDirectory();
      assertThat(Path.of(staging + Staging.LOCK_SUFFIX)).isRegularFile();
      if (previous != null) {
        assertThat(previous).as("the previous killed run's staging directory").doesNotExist();
        assertThat(Path.of(previous + Staging.LOCK_SUFFIX)).doesNotExist();
      }
      previous = staging;
    }
    // killed at varying delays inside an export loop (each export takes a few hundred ms)
    for (long delay : new long[] {40, 170, 330}) {
      List<String> out = killAfter(base, "loop", "PUBLISHED", delay);
      log.add("loop +" + delay + " ms: " + out);
    }
    List<Long> versions = Exporter.versions(base);
    List<String> names;
    try (Stream<Path> s = Files.list(base)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    System.out.println("kill test: " + log);
    System.out.println("kill test: base holds " + names);
    assertThat(versions).isNotEmpty();
    // all leftovers are non-numeric: .tmp-new-<hex> (no explicit version), its lock file, and the
    // publish lock file
    List<String> leftovers = names.stream().filter(n -> !n.matches("[0-9]+")).toList();
    assertThat(leftovers)
        .allMatch(
            n ->
                n.matches("\\.tmp-new-[0-9a-f]{12}(\\.lock)?")
                    || n.equals(VersionPublisher.LOCK_FILE));
    // every numbered directory is complete: validates (manifest, sizes, checksum, finite values)
    // and loads and runs
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(1, 8, 8, 1))) {
      for (long v : versions) {
        Path dir = base.resolve(Long.toString(v));
        assertThat(SavedModels.validate(dir, true)).as("version %d", v).isEmpty();
        try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve");
            Result r = b.function("serving_default").call(Map.of("images", x))) {
          assertThat(r.get("probabilities")).isPresent();
        }
      }
    }
  }
}
