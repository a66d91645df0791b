package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's shape matrix ("no configuration crashes the JVM"): every case of {@link
 * ShapeCase#matrix()} (image models at widths 1–20 × batches 1, 3, 64, taggers at d_model 8–32 × 1,
 * 2, 4 heads, user graphs with MLP and conv units; every basis family and scheme) runs {@link
 * ShapeCaseMain} in its own JVM, started as a user would, {@code java -cp …} with no {@code TF_*}
 * (nor oneDNN) environment variable, so oneDNN is on, TensorFlow's default ({@link
 * Forks#javaWithoutTfEnvironment}): two training steps with gradients and optimizer updates,
 * export, reload with {@code SavedModelBundle}, evaluate, reloaded logits equal to the in-process
 * ones. Each case must exit 0, print {@code OK <case>}, and leave no {@code hs_err_pid*.log} in its
 * working directory (a fresh directory per case). A crash (exit 134 SIGABRT or 139 SIGSEGV, or a
 * JVM fatal error report, written with exit 1 when core dumps are off) fails the case with its exit
 * status, the error report's problematic frame, the child's stdout (where the JVM prints its crash
 * banner) and the tail of its stderr.
 *
 * <p>Cases run two at a time ({@code -Dodenet.shapes.forks=N} to change); a table of per-case wall
 * times is printed at the end. {@code -Dodenet.shapes=long} (Maven profile {@code shapes-long})
 * adds {@link ShapeCase#longMatrix()}: 28×28 inputs, more widths and batches; {@code
 * -Dodenet.shapes.only=REGEX} runs only the cases whose name matches.
 */
class ShapeMatrixTest {
  /** {@code long} adds the long sweep. */
  static final String MATRIX_PROPERTY = "odenet.shapes";

  static final String FORKS_PROPERTY = "odenet.shapes.forks";

  /**
   * A regular expression: only the cases whose name it finds run (e.g. {@code "kind=image width=4
   * "}).
   */
  static final String ONLY_PROPERTY = "odenet.shapes.only";

  /**
   * A case that has not ended after this long is killed and reported as hung (not a timing check).
   */
  static final long HANG_SECONDS = 600;

  static final int STDERR_TAIL_LINES = 30;

  @TempDir static Path tmp;

  private static ExecutorService pool;
  private static final List<Outcome> outcomes = new ArrayList<>();
  private static long started;
  private static int forks;

  /** What one forked case did. */
  record Outcome(
      ShapeCase c,
      Path dir,
      int exit,
      boolean hung,
      String stdout,
      String stderr,
      List<Path> errorReports,
      double seconds,
      long endedAt) {}

  static List<ShapeCase> cases() {
    List<ShapeCase> cases = new ArrayList<>(ShapeCase.matrix());
    String which = System.getProperty(MATRIX_PROPERTY, "default").strip();
    if (which.equals("long")) {
      cases.addAll(ShapeCase.longMatrix());
    } else if (!which.isEmpty() && !which.equals("default")) {
      throw new IllegalArgumentException(
          MATRIX_PROPERTY + ": expected default or long, found '" + which + "'");
    }
    String only = System.getProperty(ONLY_PROPERTY, "");
    if (!only.isBlank()) {
      Pattern p = Pattern.compile(only);
      cases.removeIf(c -> !p.matcher(c.name()).find());
    }
    return cases;
  }

  /**
   * The matrix is the issue's: every image width × batch, every tagger d_model × heads, user
   * graphs, every family and scheme.
   */
  @Test
  void theMatrixCoversTheIssuesShapesFamiliesAndSchemes() {
    List<ShapeCase> m = ShapeCase.matrix();
    Set<List<Integer>> images = new HashSet<>();
    Set<List<Integer>> taggers = new HashSet<>();
    Set<String> families = new HashSet<>();
    Set<String> schemes = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (ShapeCase c : m) {
      kinds.add(c.kind());
      families.add(c.block().basis().family());
      schemes.add(c.block().scheme().toString());
      if (c.kind().equals("image")) {
        images.add(List.of(c.width(), c.batch()));
        // at least 12x12 (stage 3's stitch then sees 6x6): with 8x8 images the oneDNN crash did not
        // show
        assertThat(c.input().get(0)).as(c.name()).isGreaterThanOrEqualTo(12);
      } else if (c.kind().equals("tagger")) {
        taggers.add(List.of(c.width(), c.heads()));
      }
      assertThat(ShapeCase.parse(c.args().toArray(new String[0]))).as(c.name()).isEqualTo(c);
    }
    assertThat(images).hasSize(ShapeCase.IMAGE_WIDTHS.size() * ShapeCase.IMAGE_BATCHES.size());
    for (int w : ShapeCase.IMAGE_WIDTHS) {
      for (int b : ShapeCase.IMAGE_BATCHES) {
        assertThat(images).contains(List.of(w, b));
      }
    }
    for (int d : ShapeCase.TAGGER_D_MODELS) {
      for (int h : ShapeCase.TAGGER_HEADS) {
        assertThat(taggers).contains(List.of(d, h));
      }
    }
    assertThat(ShapeCase.IMAGE_WIDTHS).contains(1, 2, 3, 4, 5, 8, 12, 16, 20);
    assertThat(ShapeCase.IMAGE_BATCHES).contains(1, 3, 64);
    assertThat(ShapeCase.TAGGER_D_MODELS).contains(8, 12, 16, 32);
    assertThat(ShapeCase.TAGGER_HEADS).contains(1, 2, 4);
    assertThat(kinds).containsExactlyInAnyOrder("image", "tagger", "mlp", "conv");
    assertThat(families)
        .containsExactlyInAnyOrder(
            "piecewise_constant", "piecewise_linear", "fem_linear", "legendre");
    assertThat(schemes).containsExactlyInAnyOrder("euler", "midpoint", "rk4", "rk4_38");
    assertThat(m.stream().map(ShapeCase::name).distinct().count()).isEqualTo(m.size());
  }

  @TestFactory
  Stream<DynamicTest> everyShapeTrainsExportsAndReloadsInAPlainJvm() {
    List<ShapeCase> cases = cases();
    forks = Math.max(1, Integer.getInteger(FORKS_PROPERTY, 2));
    pool =
        Executors.newFixedThreadPool(
            forks,
            r -> {
              Thread t = new Thread(r, "shape-fork");
              t.setDaemon(true);
              return t;
            });
    started = System.nanoTime();
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      ShapeCase c = cases.get(i);
      Path dir = tmp.resolve(String.format(Locale.ROOT, "case-%03d", i));
      futures.add(pool.submit(() -> fork(c, dir)));
    }
    return IntStream.range(0, cases.size())
        .mapToObj(
            i ->
                DynamicTest.dynamicTest(
                    String.format(Locale.ROOT, "%02d %s", i + 1, cases.get(i).name()),
                    () -> {
                      Outcome o = futures.get(i).get();
                      synchronized (outcomes) {
                        outcomes.add(o);
                      }
                      check(o);
                    }));
  }

  /**
   * Runs one case in a fresh JVM with the test classpath, no TF_* variables, in its own working
   * directory.
   */
  static Outcome fork(ShapeCase c, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> args = new ArrayList<>(c.args());
    args.add("out=" + dir.resolve("models"));
    ProcessBuilder pb =
        Forks.javaWithoutTfEnvironment(ShapeCaseMain.class, args.toArray(new String[0]));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    pb.directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean hung = !p.waitFor(HANG_SECONDS, TimeUnit.SECONDS);
    if (hung) {
      p.destroyForcibly();
      p.waitFor();
    }
    long t1 = System.nanoTime();
    List<Path> reports;
    try (Stream<Path> s = Files.list(dir)) {
      reports =
          s.filter(f -> f.getFileName().toString().matches("hs_err_pid.*\\.log")).sorted().toList();
    }
    return new Outcome(
        c,
        dir,
        p.exitValue(),
        hung,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        reports,
        (t1 - t0) / 1e9,
        t1);
  }

  static void check(Outcome o) throws IOException {
    String name = o.c().name();
    if (o.hung()) {
      fail(
          String.format(
              Locale.ROOT,
              "case [%s]: did not end within %d s and was killed%s",
              name,
              HANG_SECONDS,
              details(o)));
    }
    if (o.exit() != 0 || !o.errorReports().isEmpty()) {
      // a fatal error report means a crash whatever the status: with -XX:-CreateCoredumpOnCrash the
      // JVM exits 1 after writing it instead of aborting (134)
      String what =
          o.exit() > 128
              ? String.format(
                  Locale.ROOT,
                  "the JVM crashed: exit %d (killed by %s)",
                  o.exit(),
                  signal(o.exit() - 128))
              : !o.errorReports().isEmpty()
                  ? String.format(
                      Locale.ROOT,
                      "the JVM crashed: exit %d after writing a fatal error report",
                      o.exit())
                  : "exit " + o.exit() + " (expected 0)";
      fail(String.format(Locale.ROOT, "case [%s]: %s%s", name, what, details(o)));
    }
    if (!o.stdout().lines().anyMatch(l -> l.equals("OK " + name))) {
      fail(
          String.format(
              Locale.ROOT,
              "case [%s]: exit 0 but no line 'OK %s' on stdout%s",
              name,
              name,
              details(o)));
    }
  }

  /** The error reports' problematic frames, the child's stdout and the tail of its stderr. */
  static String details(Outcome o) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Path report : o.errorReports()) {
      b.append("\n  JVM error report ").append(report).append(':');
      List<String> lines = Files.readAllLines(report, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.startsWith("#  SIGSEGV")
            || l.startsWith("#  SIGBUS")
            || l.startsWith("#  Internal Error")
            || l.startsWith("# Problematic frame:")) {
          b.append("\n    ").append(l);
          if (l.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
            b.append("\n    ").append(lines.get(i + 1));
          }
        }
      }
    }
    b.append("\n  stdout:\n    ").append(o.stdout().strip().replace("\n", "\n    "));
    List<String> err = o.stderr().lines().toList();
    b.append(
        String.format(
            Locale.ROOT,
            "%n  stderr (last %d of %d lines):",
            Math.min(STDERR_TAIL_LINES, err.size()),
            err.size()));
    for (String l : err.subList(Math.max(0, err.size() - STDERR_TAIL_LINES), err.size())) {
      b.append("\n    ").append(l);
    }
    return b.toString();
  }

  static String signal(int n) {
    return switch (n) {
      case 6 ->
          "SIGABRT, a native abort: heap corruption detected by libc, or the JVM's abort after a fatal error";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      default -> "signal " + n;
    };
  }

  @AfterAll
  static void summary() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (outcomes.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("shape matrix: per-case wall time (s), status, case\n");
    double sum = 0;
    double cpu = 0;
    long end = started;
    int ok = 0;
    for (Outcome o : outcomes) {
      boolean passed =
          !o.hung()
              && o.exit() == 0
              && o.errorReports().isEmpty()
              && o.stdout().lines().anyMatch(l -> l.equals("OK " + o.c().name()));
      ok += passed ? 1 : 0;
      String status =
          passed
              ? "OK"
              : o.hung()
                  ? "HUNG"
                  : o.exit() > 128 || !o.errorReports().isEmpty()
                      ? "CRASH " + o.exit()
                      : "FAIL " + o.exit();
      String times = o.stdout().lines().filter(l -> l.startsWith("TIMES ")).findFirst().orElse("");
      b.append(
          String.format(
              Locale.ROOT, "%7.1f  %-10s %s  %s%n", o.seconds(), status, o.c().name(), times));
      sum += o.seconds();
      cpu +=
          times.matches(".* cpu=[0-9.]+")
              ? Double.parseDouble(times.substring(times.lastIndexOf("cpu=") + 4))
              : 0;
      end = Math.max(end, o.endedAt());
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%d/%d cases OK; total wall %.1f s with %d forks at a time (sum of case wall times %.1f s, of the OK cases' CPU times %.1f s)%n",
            ok,
            outcomes.size(),
            (end - started) / 1e9,
            forks,
            sum,
            cpu));
    System.out.print(b);
  }
}
