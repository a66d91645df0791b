package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.nativelib.NativeLogs;

/**
 * Stderr of the {@code odenet} command carries odenet's own lines only, as a user starts it (a
 * fresh JVM, no TF_* variables): training a width-4 model (which loads TensorFlow, runs sessions
 * and crashed before the Conv2D fix) and evaluating it print no TensorFlow line; the same
 * evaluation with {@code --verbose} shows TensorFlow's lines, so the filter, not TensorFlow's mood,
 * is what hides them, and keeps every other line.
 */
class CliQuietStderrTest {
  @TempDir Path dir;

  @Test
  void sessionsPrintNoTensorFlowLinesUnlessVerbose() throws Exception {
    String base = dir.resolve("models").toString();
    List<String> train = stderr(Forks.tinyImageTraining(base).toArray(String[]::new));
    assertThat(train)
        .as("stderr")
        .anyMatch(l -> l.startsWith("data: embedded Fashion-MNIST subset"))
        .noneMatch(NativeLogs::isTensorFlowLogLine)
        .noneMatch(
            l ->
                l.contains("absl")
                    || l.contains("tensorflow/")
                    || l.contains("oneDNN")
                    || l.contains(".cc:"));

    List<String> eval = stderr("eval", base + "/1", "--data", "embedded");
    List<String> verbose = stderr("eval", base + "/1", "--data", "embedded", "--verbose");
    assertThat(eval).noneMatch(NativeLogs::isTensorFlowLogLine);
    assertThat(verbose).as("stderr with --verbose").anyMatch(NativeLogs::isTensorFlowLogLine);
    assertThat(verbose.stream().filter(l -> !NativeLogs.isTensorFlowLogLine(l)).toList())
        .isEqualTo(eval);
  }

  private List<String> stderr(String... args) throws Exception {
    Process p =
        Forks.odenet(args)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(stderr).isZero();
    return stderr.lines().toList();
  }
}
