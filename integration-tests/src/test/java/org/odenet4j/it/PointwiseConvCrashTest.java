package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 7/10's crash, kept as a reproduction: the gradient of a 1×1, stride-2 convolution with
 * fewer than 16 input channels (the skip connection of every stitch of an image model narrower than
 * 16). TensorFlow's strided op corrupts the native heap under oneDNN; odenet4j's {@link
 * org.odenet4j.layers.Conv2D} builds the same function without it. Each run is a fresh JVM with no
 * TF_* environment (a plain {@code java -cp} user), so a crash fails the case instead of the suite.
 */
class PointwiseConvCrashTest {
  @TempDir Path dir;

  /**
   * The layer's gradients equal the direct loop's (to 1e-5 of the largest value) and the child
   * exits normally, for the channel counts that crashed the strided op (1–12) and for 16, which did
   * not.
   */
  @ParameterizedTest(name = "batch {0}, {1}x{1}, {2} -> {3} channels")
  @CsvSource({
    "64, 28, 8, 16",
    "3, 28, 1, 2",
    "3, 7, 3, 6",
    "1, 14, 4, 8",
    "64, 28, 12, 24",
    "3, 28, 16, 32",
    "64, 28, 8, 8"
  })
  void layerGradientOfStridedPointwiseConvolutionIsExactAndDoesNotCrash(
      int batch, int size, int cin, int cout) throws Exception {
    Result r = run("layer", batch, size, cin, cout);
    assertThat(r.exit)
        .as(
            "exit code (non-zero with an hs_err file or 134 = a native crash); stdout:%n%s%nstderr:%n%s",
            r.stdout, r.stderr)
        .isZero();
    assertThat(r.stdout).as(r.stderr).startsWith("OK ");
    assertThat(hsErrFiles()).as("hs_err files").isZero();
  }

  private Result run(String route, int batch, int size, int cin, int cout) throws Exception {
    ProcessBuilder pb =
        Forks.javaWithoutTfEnvironment(
                PointwiseConvMain.class, route, "" + batch, "" + size, "" + cin, "" + cout)
            .directory(dir.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), stdout, stderr);
  }

  private long hsErrFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).count();
    }
  }

  private record Result(int exit, String stdout, String stderr) {}
}
