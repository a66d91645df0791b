package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.odenet4j.data.IdxReader;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.SavedModels;
import org.odenet4j.savedmodel.VersionPublisher;

/**
 * Shared pieces of the CLI kill and concurrency tests: a tiny 8×8 grey, 3-class IDX data set, a
 * small source model exported in this JVM, SIGKILL of a forked {@code odenet} process at a given
 * moment with a check that nothing of it survives, and what the kill left in BASE.
 */
final class KillRuns {
  /** Classes of the tiny data and of the source model. */
  static final int CLASSES = 3;

  /**
   * The model of the compress tests, as ExportLoopMain exports it: 8×8×1 input, width 4, 3 classes,
   * K = 2, N = 2.
   */
  static final ImageModelSpec SOURCE_SPEC =
      ImageModelSpec.of(8, 8, 1, 4, CLASSES, OdeBlockSpec.of("piecewise_constant:2", 2));

  private KillRuns() {}

  /** Tiny IDX files: 128 training and 64 test images of 8×8 random pixels, labels i mod 3. */
  record TinyData(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    /** The data flags of {@code odenet train image} for these files. */
    List<String> trainFlags() {
      return List.of(
          "--train-images",
          trainImages.toString(),
          "--train-labels",
          trainLabels.toString(),
          "--test-images",
          testImages.toString(),
          "--test-labels",
          testLabels.toString(),
          "--input",
          "8x8x1",
          "--classes",
          Integer.toString(CLASSES));
    }

    ImageDataset test() throws IOException {
      return IdxReader.read(testImages, testLabels, CLASSES, "tiny test images");
    }
  }

  static TinyData tinyData(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(7);
    TinyData d =
        new TinyData(
            dir.resolve("train-images"),
            dir.resolve("train-labels"),
            dir.resolve("test-images"),
            dir.resolve("test-labels"));
    writeIdx(d.trainImages(), d.trainLabels(), 128, random);
    writeIdx(d.testImages(), d.testLabels(), 64, random);
    return d;
  }

  private static void writeIdx(Path images, Path labels, int n, Random random) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(8);
      out.writeInt(8);
      byte[] pixels = new byte[n * 64];
      random.nextBytes(pixels);
      out.write(pixels);
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
      out.writeInt(0x801);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.writeByte(i % CLASSES);
      }
    }
  }

  /**
   * Exports {@link #SOURCE_SPEC} with seeded initial values as {@code base/1}, in this JVM; returns
   * the version directory.
   */
  static Path exportSource(Path base) {
    return CorpusFixtures.exportImage(SOURCE_SPEC, base, 1);
  }

  /** SHA-256 of every file under {@code dir}, by relative path. */
  static Map<String, String> sha256Tree(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      out.put(
          dir.relativize(f).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
    }
    return out;
  }

  /** The entry names of {@code base}, sorted (empty if it does not exist). */
  static List<String> names(Path base) throws IOException {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(base)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static boolean isVersion(String name) {
    return name.matches("[0-9]+");
  }

  /** A staging directory or its owner's lock file: hidden, non-numeric, ignored by servers. */
  static boolean isTemporary(String name) {
    return name.startsWith(".tmp-");
  }

  /**
   * What may be in BASE at any moment: numbered versions, the publish lock file, temporaries and
   * the names in {@code alsoAllowed} (train's {@code logs} directory).
   */
  static void assertOnlyVersionsAndTemporaries(Path base, String when, String... alsoAllowed)
      throws IOException {
    List<String> allowed = List.of(alsoAllowed);
    assertThat(names(base))
        .as("%s: entries of %s", when, base)
        .allMatch(
            n ->
                isVersion(n)
                    || isTemporary(n)
                    || n.equals(VersionPublisher.LOCK_FILE)
                    || allowed.contains(n));
  }

  /** No temporaries at all: what BASE holds once a run finished normally. */
  static void assertNoTemporaries(Path base, String when) throws IOException {
    assertThat(names(base)).as("%s: entries of %s", when, base).noneMatch(KillRuns::isTemporary);
  }

  /** Where in the run a kill landed, judged by what it left in BASE. */
  enum Phase {
    /** nothing new: JVM start, TensorFlow load, reading, planning or training */
    BEFORE_STAGING,
    /** a new staging directory without a saved_model.pb yet: graph build, value assignment */
    STAGING,
    /**
     * a new staging directory holding a saved_model.pb: variables, manifest, sizes, before the
     * rename
     */
    STAGED,
    /**
     * a new numbered version: after the rename (removing the staging directory, report, evaluation)
     */
    PUBLISHED,
    /** the run finished before the kill (its delay was longer than this run) */
    COMPLETED
  }

  /**
   * One run of a fork, killed or not: the delay, the phase, the wall time from start to exit, and
   * the BASE entries it created and removed.
   */
  record Outcome(
      long delayMillis, Phase phase, long millis, List<String> created, List<String> removed) {
    @Override
    public String toString() {
      return delayMillis
          + " ms: "
          + phase
          + (phase == Phase.COMPLETED ? " in " + millis + " ms" : "")
          + (created.isEmpty() ? "" : " +" + created)
          + (removed.isEmpty() ? "" : " -" + removed);
    }
  }

  /**
   * Starts {@code fork}, waits {@code delayMillis}, then kills it with {@link
   * Process#destroyForcibly} and checks that it died of SIGKILL (exit value 128 + 9) and that none
   * of its descendants survives. A fork that finishes before the delay must exit 0 ({@link
   * Phase#COMPLETED}).
   */
  static Outcome runAndKill(ProcessBuilder fork, Path base, long delayMillis, Path stderrFile)
      throws Exception {
    List<String> before = names(base);
    long start = System.nanoTime();
    Process p =
        fork.redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderrFile.toFile())
            .start();
    boolean killed = false;
    try {
      if (!p.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("killed fork ended").isTrue();
        for (ProcessHandle h : descendants) {
          h.destroyForcibly();
          assertThat(h.onExit().get(30, TimeUnit.SECONDS).isAlive())
              .as("descendant %d of the killed fork", h.pid())
              .isFalse();
        }
        killed = p.exitValue() != 0; // 0: it finished between the wait and the kill
        if (killed) {
          assertThat(p.exitValue())
              .as("exit value of the killed fork (128 + SIGKILL)")
              .isEqualTo(137);
        }
      }
      if (!killed) {
        assertThat(p.exitValue())
            .as("exit of a fork that finished before its kill: %s", Files.readString(stderrFile))
            .isZero();
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(p.isAlive()).isFalse();
    List<String> after = names(base);
    List<String> created = after.stream().filter(n -> !before.contains(n)).toList();
    List<String> removed = before.stream().filter(n -> !after.contains(n)).toList();
    return new Outcome(
        delayMillis, killed ? phase(base, created) : Phase.COMPLETED, millis, created, removed);
  }

  private static Phase phase(Path base, List<String> created) throws IOException {
    if (created.stream().anyMatch(KillRuns::isVersion)) {
      return Phase.PUBLISHED;
    }
    Phase phase = Phase.BEFORE_STAGING;
    for (String n : created) {
      Path p = base.resolve(n);
      if (isTemporary(n) && Files.isDirectory(p)) {
        phase = Phase.STAGING;
        try (Stream<Path> s = Files.walk(p)) {
          if (s.anyMatch(f -> f.getFileName().toString().equals("saved_model.pb"))) {
            return Phase.STAGED;
          }
        }
      }
    }
    return phase;
  }

  /** Runs {@code fork} to the end and returns its wall time in ms; it must exit 0. */
  static long runToEnd(ProcessBuilder fork, Path stderrFile) throws Exception {
    long start = System.nanoTime();
    Process p =
        fork.redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderrFile.toFile())
            .start();
    try {
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("fork finished").isTrue();
      assertThat(p.exitValue()).as("uninterrupted run: %s", Files.readString(stderrFile)).isZero();
    } finally {
      p.destroyForcibly();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * No process started by this JVM is still alive (no fork, and no child of a fork re-parented to
   * us).
   */
  static void assertNoLiveForks() {
    List<String> alive = new ArrayList<>();
    ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .forEach(h -> alive.add(h.pid() + " " + h.info().commandLine().orElse("?")));
    assertThat(alive).as("live descendants of the test JVM").isEmpty();
  }

  /**
   * Validates version {@code dir} (manifest, sizes, checksum, finite values), loads it and
   * evaluates it on {@code test}.
   */
  static Evaluation validateAndEvaluate(Path dir, ImageDataset test) {
    assertThat(SavedModels.validate(dir, true)).as("warnings of %s", dir).isEmpty();
    try (ModelEvaluator m = ModelEvaluator.loadValidated(dir)) {
      Evaluation e = m.evaluate(new EvaluationData.Images(test), 64);
      assertThat(e.examples()).as("examples evaluated by %s", dir).isEqualTo(test.size());
      assertThat(e.loss()).as("loss of %s", dir).isFinite();
      return e;
    }
  }

  /** The numbered versions under {@code base}, ascending. */
  static List<Long> versions(Path base) {
    return Exporter.versions(base);
  }

  /** Counts per phase, for the test's log line. */
  static Map<Phase, Integer> histogram(List<Outcome> outcomes) {
    Map<Phase, Integer> h = new TreeMap<>();
    outcomes.forEach(o -> h.merge(o.phase(), 1, Integer::sum));
    return h;
  }

  /** The temporaries in BASE (sorted). */
  static TreeSet<String> temporaries(Path base) throws IOException {
    TreeSet<String> t = new TreeSet<>();
    names(base).stream().filter(KillRuns::isTemporary).forEach(t::add);
    return t;
  }
}
