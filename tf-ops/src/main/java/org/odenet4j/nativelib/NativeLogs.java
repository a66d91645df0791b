package org.odenet4j.nativelib;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native log lines off stderr: one call, {@link #quiet()}, before or after
 * TensorFlow loads.
 *
 * <p>TensorFlow 2.18 (inside TF Java 1.1.0) writes to file descriptor 2 from C++: TSL log lines
 * ({@code 2026-12-02 13:32:02.222876: I tensorflow/core/util/port.cc:153] oneDNN custom operations
 * are on …}), absl log lines ({@code I0000 00:00:1796218170.896089 2235
 * mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled}) with absl's
 * preamble ({@code WARNING: All log messages before absl::InitializeLog() is called are written to
 * STDERR}), and the CPU-feature notice's second line ({@code To enable the following instructions:
 * …}). {@code TF_CPP_MIN_LOG_LEVEL} silences only the TSL lines and must be set before the JVM
 * starts; absl's have no switch at all. So {@link #quiet()} works one level down: it points file
 * descriptor 2 at a pipe and a daemon thread copies every line that is not one of TensorFlow's to
 * the original stderr; {@link System#err} is re-opened on that original stderr, so the program's
 * own lines never go through the pipe and cannot be lost at exit. Fatal native lines ({@code F…}),
 * JVM messages and anything unrecognised still reach stderr. At JVM shutdown descriptor 2 is
 * pointed back and the pipe drained.
 *
 * <p>Redirecting a descriptor needs two JDK-internal calls ({@code dup2} and {@code pipe} in {@code
 * sun.nio.ch}), so the JVM must be started with {@code --add-opens
 * java.base/sun.nio.ch=ALL-UNNAMED} (the {@code odenet} jar's manifest carries it, so {@code java
 * -jar odenet.jar} needs nothing). Without it, or on a platform without {@code /dev/fd}-style
 * descriptors, {@link #quiet()} changes nothing and returns false; TensorFlow's lines then appear
 * as before.
 */
public final class NativeLogs {
  /** TSL: {@code yyyy-mm-dd hh:mm:ss.micros: L file:line] }, L one of I, W, E. */
  private static final Pattern TSL =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWE] \\S+:\\d+\\] .*");

  /**
   * absl: {@code Lmmdd hh:mm:ss.micros thread file:line] }, L one of I, W, E (before absl is
   * initialised, hh:mm:ss.micros reads 00:00:seconds-since-1970.micros).
   */
  private static final Pattern ABSL =
      Pattern.compile("^[IWE]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*");

  private static final String ABSL_PREAMBLE =
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

  private static final Pattern CPU_FEATURES =
      Pattern.compile(
          "^To enable the following instructions: .*rebuild TensorFlow with the appropriate compiler flags\\.$");

  private static boolean quiet;

  private NativeLogs() {}

  /**
   * True for a line TensorFlow's native library logs at level I (info), W (warning) or E (error),
   * including absl's preamble and the CPU-feature notice's second line; false for fatal (F) lines
   * and anything else.
   */
  public static boolean isTensorFlowLogLine(String line) {
    return line.equals(ABSL_PREAMBLE)
        || TSL.matcher(line).matches()
        || ABSL.matcher(line).matches()
        || CPU_FEATURES.matcher(line).matches();
  }

  /**
   * From now on, TensorFlow's native log lines do not reach this process's stderr (see the class
   * comment); idempotent. Returns true if they are filtered, false if this JVM does not allow it
   * (started without {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}), in which case nothing
   * changed.
   */
  public static synchronized boolean quiet() {
    if (quiet) {
      return true;
    }
    Descriptors fds;
    try {
      fds = Descriptors.open();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // not opened to us, or not a Unix JDK
    }
    try {
      int[] pipe = fds.pipe();
      int original = fds.duplicate(2);
      FileDescriptor originalFd = fds.descriptor(original);
      fds.dup2(pipe[1], 2);
      fds.close(pipe[1]);
      PrintStream err = new PrintStream(new FileOutputStream(originalFd), true);
      System.err.flush();
      System.setErr(err);
      Thread copier =
          new Thread(
              () -> copyForeignLines(new FileInputStream(fds.descriptor(pipe[0])), err),
              "odenet-native-stderr");
      copier.setDaemon(true);
      copier.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> restore(fds, original, copier), "odenet-native-stderr-restore"));
      quiet = true;
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Points descriptor 2 back at the original stderr, so the pipe's last writer goes, and waits for
   * the drain.
   */
  private static void restore(Descriptors fds, int original, Thread copier) {
    try {
      fds.dup2(original, 2);
      copier.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ReflectiveOperationException | RuntimeException e) {
      // stderr stays on the pipe; nothing left to do at shutdown
    }
  }

  /**
   * True for a line that continues the TensorFlow log line before it: a multi-line status logged at
   * level I/W/E goes on with lines such as {@code \t [[{{node Restore}}]]}, {@code Hint: If you
   * want to see a list of allocated tensors when OOM happens, …} and a blank line (a checkpoint
   * that cannot be restored, a save on a full disk).
   */
  static boolean isContinuation(String line) {
    return line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("Hint: ");
  }

  /**
   * Copies every line of {@code in} to {@code out} except TensorFlow's: the lines {@link
   * #isTensorFlowLogLine} accepts and the {@link #isContinuation continuation} lines right after
   * them.
   */
  static void copyForeignLines(InputStream in, OutputStream out) {
    try (in) {
      byte[] buffer = new byte[8192];
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      boolean[] inRecord = {false};
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          pending.write(buffer[i]);
          if (buffer[i] == '\n') {
            forward(pending, out, inRecord);
          }
        }
      }
      forward(pending, out, inRecord);
    } catch (IOException e) {
      // the pipe is gone (shutdown); nothing to copy any more
    }
  }

  /**
   * Forwards the pending line unless it is TensorFlow's; {@code inRecord[0]}: the lines so far end
   * in a TensorFlow record.
   */
  private static void forward(ByteArrayOutputStream pending, OutputStream out, boolean[] inRecord)
      throws IOException {
    if (pending.size() == 0) {
      return;
    }
    String text = pending.toString(StandardCharsets.UTF_8);
    String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (isTensorFlowLogLine(line)) {
      inRecord[0] = true;
    } else if (!(inRecord[0] && isContinuation(line))) {
      inRecord[0] = false;
      pending.writeTo(out);
      out.flush();
    }
    pending.reset();
  }

  /** The four JDK-internal descriptor operations, found by reflection. */
  private record Descriptors(Method makePipe, Method setFdVal, Method dup2, Method closeIntFd) {
    static Descriptors open() throws ReflectiveOperationException {
      Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
      Class<?> dispatcher = Class.forName("sun.nio.ch.FileDispatcherImpl");
      Method makePipe = ioUtil.getDeclaredMethod("makePipe", boolean.class);
      Method setFdVal = ioUtil.getDeclaredMethod("setfdVal", FileDescriptor.class, int.class);
      Method dup2 =
          dispatcher.getDeclaredMethod("dup0", FileDescriptor.class, FileDescriptor.class);
      Method close = dispatcher.getDeclaredMethod("closeIntFD", int.class);
      for (Method m : new Method[] {makePipe, setFdVal, dup2, close}) {
        m.setAccessible(
            true); // InaccessibleObjectException without --add-opens java.base/sun.nio.ch
      }
      return new Descriptors(makePipe, setFdVal, dup2, close);
    }

    /** A new pipe: {read, write}. */
    int[] pipe() throws ReflectiveOperationException {
      long both = (long) invoke(makePipe, true);
      return new int[] {(int) (both >>> 32), (int) both};
    }

    /** A new descriptor number that refers to what {@code fd} refers to. */
    int duplicate(int fd) throws ReflectiveOperationException {
      int[] spare = pipe();
      dup2(fd, spare[1]);
      close(spare[0]);
      return spare[1];
    }

    void dup2(int from, int to) throws ReflectiveOperationException {
      invoke(dup2, descriptor(from), descriptor(to));
    }

    void close(int fd) throws ReflectiveOperationException {
      invoke(closeIntFd, fd);
    }

    FileDescriptor descriptor(int fd) {
      FileDescriptor d = new FileDescriptor();
      try {
        invoke(setFdVal, d, fd);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      return d;
    }

    private static Object invoke(Method m, Object... args) throws ReflectiveOperationException {
      return m.invoke(null, args);
    }
  }
}
