package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.evaluate.Evaluation;

/**
 * SIGKILL of a real {@code odenet compress} or {@code odenet train} process (a fresh JVM running
 * {@link Main}) at seeded random moments spread uniformly over the duration of an uninterrupted run
 * (stratified: one in each 1/n of it, so that with n kills some land in every part of the run:
 * before TensorFlow loads, while reading, training, building, writing and publishing):
 *
 * <ul>
 *   <li>the process dies of SIGKILL (exit value 137) and nothing it started survives;
 *   <li>every numbered version under BASE is complete: it validates (manifest, sizes, checksum,
 *       finite values), loads and evaluates, and for compress it is the very model an uninterrupted
 *       run publishes (same correct count and loss);
 *   <li>everything else in BASE is a non-numeric temporary ({@code .tmp-…}), the publish lock file
 *       (and train's {@code logs}); the source is unchanged, byte for byte;
 *   <li>one more normal run into the same BASE succeeds and removes those temporaries.
 * </ul>
 *
 * Kills run in two lanes at once, each with its own BASE, so a lane's listing shows what its own
 * killed run left behind: that tells where in the run the kill landed (printed, not asserted).
 */
class KilledCliTest {
  private static final int LANES = 2;

  /**
   * Width of the trained model: below 16, where TF's oneDNN 1×1 stride-2 gradient used to corrupt
   * the heap.
   */
  private static final int TRAIN_WIDTH = 4;

  @TempDir static Path dir;
  private static KillRuns.TinyData data;
  private static ImageDataset test;
  private static Path source;

  @BeforeAll
  static void setUp() throws Exception {
    data = KillRuns.tinyData(dir.resolve("data"));
    test = data.test();
    source = KillRuns.exportSource(dir.resolve("source"));
  }

  @AfterEach
  void nothingSurvives() {
    KillRuns.assertNoLiveForks();
  }

  @Test
  void killedCompressLeavesOnlyCompleteVersionsAndTheNextRunCleansUp() throws Exception {
    Map<String, String> sourceBefore = KillRuns.sha256Tree(source.getParent());
    Campaign c =
        campaign(
            "compress",
            base ->
                Forks.java(
                    Main.class,
                    "compress",
                    source.toString(),
                    "--out",
                    base.toString(),
                    "--basis",
                    "piecewise_constant:1",
                    "--steps",
                    "1"),
            30,
            20240601L);
    // one model, whatever run published it: every version evaluates exactly like the first,
    // uninterrupted one
    Evaluation reference = null;
    for (Path base : c.bases()) {
      for (long v : KillRuns.versions(base)) {
        Evaluation e = c.evaluations().get(base.resolve(Long.toString(v)));
        if (reference == null) {
          reference = e;
        }
        assertThat(e.correct()).as("correct of %s/%d", base, v).isEqualTo(reference.correct());
        assertThat(e.loss()).as("loss of %s/%d", base, v).isEqualTo(reference.loss());
      }
    }
    assertThat(KillRuns.sha256Tree(source.getParent()))
        .as("the source's files")
        .isEqualTo(sourceBefore);
  }

  @Test
  void killedTrainLeavesOnlyCompleteVersionsAndTheNextRunCleansUp() throws Exception {
    Campaign c =
        campaign(
            "train",
            base -> {
              List<String> args = new ArrayList<>(List.of("train", "image"));
              args.addAll(data.trainFlags());
              args.addAll(
                  List.of(
                      "--width",
                      Integer.toString(TRAIN_WIDTH),
                      "--basis",
                      "piecewise_constant:1",
                      "--steps",
                      "1",
                      "--epochs",
                      "1",
                      "--batch",
                      "64",
                      "--validation",
                      "0.5",
                      "--out",
                      base.toString(),
                      "--progress",
                      "none"));
              return Forks.java(Main.class, args.toArray(String[]::new));
            },
            20,
            20240602L,
            "logs");
    assertThat(c.evaluations()).isNotEmpty();
  }

  /** What a kill campaign did: its bases, outcomes, and the evaluation of every version it left. */
  private record Campaign(
      List<Path> bases, List<KillRuns.Outcome> outcomes, Map<Path, Evaluation> evaluations) {}

  /**
   * In each of two lanes (own BASE): one uninterrupted run (both lanes at once, to time a run under
   * the same load), then killed runs at uniformly random moments of that duration until {@code
   * kills} kills landed in all, then checks, then one more normal run per lane.
   */
  private static Campaign campaign(
      String name, Function<Path, ProcessBuilder> fork, int kills, long seed, String... alsoAllowed)
      throws Exception {
    long start = System.nanoTime();
    List<Path> bases = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      bases.add(dir.resolve(name + "-" + lane));
    }
    Path logs = java.nio.file.Files.createDirectories(dir.resolve(name + "-stderr"));
    ExecutorService pool = Executors.newFixedThreadPool(LANES);
    List<KillRuns.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    Map<Path, Evaluation> evaluations = new java.util.TreeMap<>();
    long measured;
    List<String> leftovers = new ArrayList<>();
    try {
      List<Long> durations =
          all(
              pool,
              bases,
              base ->
                  KillRuns.runToEnd(fork.apply(base), logs.resolve(base.getFileName() + "-first")));
      measured = (long) durations.stream().mapToLong(Long::longValue).average().orElseThrow();
      Random random = new Random(seed);
      List<Long> laneSeeds = List.of(random.nextLong(), random.nextLong());
      all(
          pool,
          bases,
          base -> {
            int lane = bases.indexOf(base);
            Random r = new Random(laneSeeds.get(lane));
            int target = kills / LANES + (lane < kills % LANES ? 1 : 0);
            // stratified uniform moments: one in each 1/target of the run, in random order
            Deque<Double> fractions = new ArrayDeque<>();
            List<Integer> strata = new ArrayList<>();
            for (int i = 0; i < target; i++) {
              strata.add(i);
            }
            Collections.shuffle(strata, r);
            strata.forEach(i -> fractions.add((i + r.nextDouble()) / target));
            long duration = durations.get(lane);
            Double retried = null; // a moment whose run finished before it once already
            int landed = 0;
            for (int run = 0; landed < target && run < 3 * target; run++) {
              double u = fractions.poll();
              KillRuns.Outcome o =
                  KillRuns.runAndKill(
                      fork.apply(base),
                      base,
                      (long) (u * duration),
                      logs.resolve(base.getFileName() + "-" + run));
              outcomes.add(o);
              if (o.phase() == KillRuns.Phase.COMPLETED) {
                // the run was shorter than the last one timed (the machine's load varies): time by
                // this run
                // from now on, and aim at the same moment of it again (once; then at a fresh
                // uniform moment)
                duration = o.millis();
                boolean second = retried != null && retried == u;
                retried = second ? null : u;
                fractions.addFirst(second ? r.nextDouble() : u);
              } else {
                landed++;
              }
              KillRuns.assertOnlyVersionsAndTemporaries(
                  base, name + " run " + run + " (" + o + ")", alsoAllowed);
            }
            assertThat(landed).as("kills landed in %s", base).isEqualTo(target);
            return landed;
          });
      long killed = outcomes.stream().filter(o -> o.phase() != KillRuns.Phase.COMPLETED).count();
      assertThat(killed).isEqualTo(kills);
      // every numbered version is complete
      for (Path base : bases) {
        KillRuns.assertOnlyVersionsAndTemporaries(base, name + " after the kills", alsoAllowed);
        leftovers.addAll(KillRuns.temporaries(base));
        for (long v : KillRuns.versions(base)) {
          Path version = base.resolve(Long.toString(v));
          evaluations.put(version, KillRuns.validateAndEvaluate(version, test));
        }
      }
      // one more normal run per BASE succeeds, publishes a complete version and removes the kills'
      // temporaries
      List<List<Long>> versionsBefore = bases.stream().map(KillRuns::versions).toList();
      all(
          pool,
          bases,
          base -> KillRuns.runToEnd(fork.apply(base), logs.resolve(base.getFileName() + "-last")));
      for (int lane = 0; lane < LANES; lane++) {
        Path base = bases.get(lane);
        KillRuns.assertNoTemporaries(base, name + " after a normal run");
        List<Long> added = new ArrayList<>(KillRuns.versions(base));
        added.removeAll(versionsBefore.get(lane));
        assertThat(added).as("versions added to %s by the normal run", base).hasSize(1);
        Path version = base.resolve(Long.toString(added.get(0)));
        evaluations.put(version, KillRuns.validateAndEvaluate(version, test));
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "%s kills: uninterrupted run %d ms (mean of %d lanes at once); %d runs, %d kills; phases %s; "
            + "%d temporaries left before the normal run %s; %d versions checked; %.1f s in all%n  %s%n",
        name,
        measured,
        LANES,
        outcomes.size(),
        kills,
        KillRuns.histogram(outcomes),
        leftovers.size(),
        leftovers,
        evaluations.size(),
        (System.nanoTime() - start) / 1e9,
        outcomes);
    return new Campaign(bases, List.copyOf(outcomes), evaluations);
  }

  private interface LaneTask<T> {
    T run(Path base) throws Exception;
  }

  /**
   * Runs {@code task} for every base at once, one thread each; returns the results in order,
   * rethrowing failures.
   */
  private static <T> List<T> all(ExecutorService pool, List<Path> bases, LaneTask<T> task)
      throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (Path base : bases) {
      futures.add(pool.submit(() -> task.run(base)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      try {
        results.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        futures.forEach(other -> other.cancel(true));
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw (Exception) e.getCause();
      }
    }
    return results;
  }
}
