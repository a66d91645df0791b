package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.odenet4j.cli.Main;

/**
 * How library warnings reach a user of the {@code odenet} command: one line each, each distinct
 * warning once per command, in a fresh JVM (the logging format is fixed before the first record, so
 * it cannot be checked in this one).
 */
class CliWarningsTest {

  /**
   * 4 Euler steps read piecewise_constant:8 at t = 0, ¼, ½, ¾: functions 1, 3, 5, 7 are never
   * reached, in each of the three blocks. That is said once, not once per block, as one {@code
   * odenet: WARNING:} line with no JDK time-stamp/class-name line around it, with what to do about
   * it (piecewise_constant:4 is the largest basis these steps reach), and the command still
   * succeeds.
   */
  @Test
  void warningsAreOneLineEach() throws Exception {
    Process p =
        Forks.java(
                Main.class,
                "model",
                "summary",
                "image",
                "--width",
                "2",
                "--basis",
                "piecewise_constant:8",
                "--steps",
                "4")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(stderr).isZero();
    List<String> ours =
        stderr
            .lines()
            .filter(l -> l.contains("basis functions") || l.contains("org.odenet4j"))
            .toList();
    assertThat(ours)
        .as(stderr)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        "odenet: WARNING: 4 euler steps reach no stage in basis functions [1, 3, 5, 7] of piecewise_constant:8")
                    .contains(
                        "every block",
                        "4 of 8 coefficient sets",
                        "'--basis piecewise_constant:4'"));
    assertThat(stderr.lines()).as(stderr).allMatch(l -> l.startsWith("odenet: "));
  }
}
