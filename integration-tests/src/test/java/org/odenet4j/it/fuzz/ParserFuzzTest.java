package org.odenet4j.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.DataFormatException;
import org.odenet4j.it.fuzz.Targets.Target;

/**
 * Seeded mutation fuzzing of odenet4j's own parsers (basis specs, --block specs, model spec JSON,
 * the SavedModel manifest, IDX images and labels, Brown and CoNLL text, vocabulary and tag set
 * files): every valid seed is mutated ({@link Mutator}) and parsed, and each input must either
 *
 * <ul>
 *   <li>parse, giving a value that satisfies the target's invariants ({@link Targets}), or
 *   <li>fail cleanly, the way the CLI turns into exit 2 with one line ({@code cli/Errors}): an
 *       {@link IllegalArgumentException} (exactly that class: a {@link NumberFormatException}
 *       escaping is a bug) or a {@link DataFormatException} (also wrapped in an I/O exception),
 *       whose message is non-blank, on one line (no CR/LF) and says what was {@code expected} and
 *       what was {@code found}, and which does not hide a crash (NPE, index out of bounds, any
 *       Error) as its cause.
 * </ul>
 *
 * Anything else (NPE, ArrayIndexOutOfBounds, NegativeArraySize, OutOfMemoryError,
 * StackOverflowError, ...) fails the target's test with the seed, the input (escaped) and the stack
 * trace; the input is also written to {@code target/fuzz-failures/}. Parsing must also not allocate
 * far more than the input could need (64 MiB + 4 KiB per input byte, measured per thread): a header
 * claiming 2 GB of data is read as it arrives, not allocated up front. Input sizes are bounded, so
 * no input can take long.
 *
 * <p>System properties: {@code odenet.fuzz.inputs} (total inputs over all targets, default 10,000;
 * the {@code fuzz} Maven profile sets 100,000), {@code odenet.fuzz.seed} (default 20261202), {@code
 * odenet.fuzz.replay=TARGET:INDEX} (runs and prints that one input).
 */
class ParserFuzzTest {

  private static final long SEED = Long.getLong("odenet.fuzz.seed", 20261202L);
  private static final int INPUTS = Integer.getInteger("odenet.fuzz.inputs", 10_000);
  private static final String REPLAY = System.getProperty("odenet.fuzz.replay", "");
  private static final long ALLOCATION_SLACK = 64L << 20;
  private static final long ALLOCATION_PER_BYTE = 4096;

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyInputParsesOrFailsCleanly() {
    List<Target> targets = Targets.all();
    int per = (INPUTS + targets.size() - 1) / targets.size();
    return targets.stream()
        .filter(t -> REPLAY.isEmpty() || REPLAY.startsWith(t.name() + ":"))
        .map(t -> dynamicTest(t.name(), () -> fuzz(t, per)));
  }

  private void fuzz(Target t, int inputs) throws IOException {
    Path scratch = dir.resolve(t.name().equals("brown") ? "ca01" : t.name() + ".txt");
    // the seeds are valid: each parses and satisfies the invariants
    for (byte[] seed : t.seeds()) {
      assertThat(judge(t, seed, scratch))
          .as("seed of %s: %s", t.name(), escape(seed, 300))
          .isEqualTo(Verdict.ACCEPTED);
    }
    int from = 0;
    int to = inputs;
    if (!REPLAY.isEmpty()) {
      from = Integer.parseInt(REPLAY.substring(REPLAY.indexOf(':') + 1));
      to = from + 1;
    }
    Map<String, List<String>> failures = new LinkedHashMap<>();
    int accepted = 0;
    int failed = 0;
    long started = System.nanoTime();
    for (int i = from; i < to; i++) {
      byte[] input = input(t, i);
      Verdict v = judge(t, input, scratch);
      if (!REPLAY.isEmpty()) {
        System.out.println(
            "replay "
                + t.name()
                + ":"
                + i
                + " ("
                + input.length
                + " bytes): "
                + escape(input, 4000)
                + "\n  -> "
                + v.outcome().name().toLowerCase(Locale.ROOT)
                + (v.detail() == null ? "" : ": " + v.detail()));
      }
      if (v.outcome() == Outcome.ACCEPTED) {
        accepted++;
      }
      if (v.outcome() != Outcome.FAILED) {
        continue;
      }
      failed++;
      String verdict = v.detail();
      String signature =
          verdict
              .lines()
              .findFirst()
              .orElse(verdict)
              .replaceAll("'.*", "")
              .replaceAll("[0-9][0-9,]*", "N");
      List<String> examples = failures.computeIfAbsent(signature, k -> new ArrayList<>());
      if (examples.size() < 2) {
        Path saved = save(t, i, input);
        examples.add(
            String.format(
                Locale.ROOT,
                "%s input %d (replay: -Dodenet.fuzz.seed=%d -Dodenet.fuzz.replay=%s:%d; saved as %s), %d bytes:%n  %s%n  %s",
                t.name(),
                i,
                SEED,
                t.name(),
                i,
                saved,
                input.length,
                escape(input, 600),
                verdict.replace("\n", "\n    ")));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "fuzz %-11s seed %d: %d inputs, %d accepted, %d rejected cleanly, %d failures, %.1f s%n",
        t.name(),
        SEED,
        to - from,
        accepted,
        to - from - accepted - failed,
        failed,
        (System.nanoTime() - started) / 1e9);
    StringBuilder report = new StringBuilder();
    failures.forEach(
        (signature, examples) -> {
          report.append("\n== ").append(signature).append('\n');
          examples.forEach(e -> report.append(e).append('\n'));
        });
    assertThat(failed)
        .as(
            "%s: %d of %d inputs crashed the parser or broke an invariant:%s",
            t.name(), failed, to - from, report)
        .isZero();
  }

  /** Input {@code i} of target {@code t}: a function of (seed, target, i) only. */
  private static byte[] input(Target t, int i) {
    long s = SEED * 0x9E3779B97F4A7C15L + t.name().hashCode() * 1_000_003L + i;
    return new Mutator(new SplittableRandom(s), t.seeds(), t.format(), t.maxLength()).next();
  }

  enum Outcome {
    ACCEPTED,
    REJECTED,
    FAILED
  }

  /**
   * What became of one input.
   *
   * @param detail the clean error's message (REJECTED) or what went wrong (FAILED)
   */
  record Verdict(Outcome outcome, String detail) {
    static final Verdict ACCEPTED = new Verdict(Outcome.ACCEPTED, null);

    static Verdict failed(String problem) {
      return new Verdict(Outcome.FAILED, problem);
    }
  }

  private static Verdict judge(Target t, byte[] input, Path scratch) {
    Object value;
    long before = allocated();
    try {
      value = t.parse().parse(input, scratch);
    } catch (Throwable e) {
      String alloc = allocation(before, input);
      return alloc != null ? Verdict.failed(alloc) : clean(e);
    }
    String alloc = allocation(before, input);
    if (alloc != null) {
      return Verdict.failed(alloc);
    }
    try {
      t.check().check(value, scratch);
    } catch (AssertionError e) {
      return Verdict.failed(e.getMessage() + "\n" + stack(e));
    } catch (Throwable e) {
      // a value derived from the parsed one (e.g. a corpus' tag set) may be refused, cleanly
      Verdict v = clean(e);
      return v.outcome() == Outcome.FAILED
          ? Verdict.failed("after a successful parse, " + v.detail())
          : v;
    }
    return Verdict.ACCEPTED;
  }

  /**
   * REJECTED when {@code e} is an error the CLI reports as bad input on one line (exit 2), else
   * FAILED and why.
   */
  private static Verdict clean(Throwable e) {
    Throwable reported;
    if (e.getClass() == IllegalArgumentException.class) {
      reported = e;
    } else {
      DataFormatException data = null;
      if (e instanceof IOException || e instanceof UncheckedIOException) {
        for (Throwable c = e; c != null; c = c.getCause()) {
          if (c instanceof DataFormatException d) {
            data = d;
            break;
          }
        }
      }
      if (data == null) {
        return Verdict.failed(
            "crash: "
                + e.getClass().getName()
                + ": "
                + firstLine(e.getMessage())
                + "\n"
                + stack(e));
      }
      reported = data;
    }
    String message = reported.getMessage();
    if (message == null || message.isBlank()) {
      return Verdict.failed("blank message: " + e.getClass().getName() + "\n" + stack(e));
    }
    if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
      return Verdict.failed(
          "multi-line message: "
              + e.getClass().getName()
              + ": '"
              + escape(message, 600)
              + "'\n"
              + stack(e));
    }
    if (!message.contains("expected") || !message.contains("found")) {
      return Verdict.failed(
          "message does not say what was expected and found: "
              + e.getClass().getName()
              + ": '"
              + escape(message, 600)
              + "'\n"
              + stack(e));
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof Error
          || (c instanceof RuntimeException
              && !(c instanceof IllegalArgumentException)
              && !(c instanceof UncheckedIOException))) {
        return Verdict.failed(
            "clean error hiding a crash: "
                + c.getClass().getName()
                + " under '"
                + escape(message, 300)
                + "'\n"
                + stack(e));
      }
    }
    return new Verdict(Outcome.REJECTED, message);
  }

  private static String allocation(long before, byte[] input) {
    long used = allocated() - before;
    long budget = ALLOCATION_SLACK + ALLOCATION_PER_BYTE * input.length;
    if (before >= 0 && used > budget) {
      return String.format(
          Locale.ROOT,
          "allocated %,d bytes for a %,d-byte input (budget %,d)",
          used,
          input.length,
          budget);
    }
    return null;
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static Path save(Target t, int i, byte[] input) {
    try {
      Path out = Path.of(System.getProperty("basedir", "."), "target", "fuzz-failures");
      Files.createDirectories(out);
      Path file = out.resolve(t.name() + "-" + SEED + "-" + i + ".bin");
      Files.write(file, input);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "null" : escape(s.lines().findFirst().orElse(""), 300);
  }

  private static String stack(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString().lines().limit(14).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /**
   * Printable ASCII as is, \n \r \t, everything else as \xNN (bytes) or \\uNNNN (chars); at most
   * {@code limit} bytes.
   */
  static String escape(byte[] b, int limit) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < Math.min(b.length, limit); i++) {
      int c = b[i] & 0xff;
      appendEscaped(sb, c, true);
    }
    sb.append('"');
    if (b.length > limit) {
      sb.append("... (").append(b.length).append(" bytes)");
    }
    return sb.toString();
  }

  static String escape(String s, int limit) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), limit); i++) {
      appendEscaped(sb, s.charAt(i), false);
    }
    if (s.length() > limit) {
      sb.append("... (").append(s.length()).append(" chars)");
    }
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, int c, boolean bytes) {
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case '\\' -> sb.append("\\\\");
      case '"' -> sb.append("\\\"");
      default -> {
        if (c >= 0x20 && c < 0x7f) {
          sb.append((char) c);
        } else if (bytes) {
          sb.append(String.format(Locale.ROOT, "\\x%02x", c));
        } else {
          sb.append(String.format(Locale.ROOT, "\\u%04x", c));
        }
      }
    }
  }
}
