package org.odenet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odenet4j.cli.common.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

  @Command(name = "boom")
  static final class Boom implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("disk on fire");
    }
  }

  @Command(name = "bad")
  static final class Bad implements Runnable {
    @Override
    public void run() {
      throw new IllegalArgumentException("--x: expected 1, found 2");
    }
  }

  private static CommandLine withTestCommands() {
    return Main.commandLine().addSubcommand(new Boom()).addSubcommand(new Bad());
  }

  @Test
  void versionNamesTheProjectVersion() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("odenet ").doesNotContain("${").doesNotContain("unknown");
    assertThat(r.out()).contains("TensorFlow Java ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpListsTheBasisCommandAndVerbose() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: odenet").contains("basis").contains("--verbose");
  }

  @Test
  void subcommandHelpWorks() {
    Cli.Result r = Cli.run("basis", "project", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: odenet basis project").contains("--coeffs");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(Cli.run().usageError())
        .startsWith("missing command: expected one of basis")
        .contains("found nothing");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    assertThat(Cli.run("basiss").usageError())
        .contains("unknown command")
        .contains("found 'basiss'")
        .contains("did you mean basis");
  }

  @Test
  void illegalArgumentFromACommandIsOneLineAndExit2() {
    assertThat(Cli.run(withTestCommands(), "bad").usageError())
        .isEqualTo("--x: expected 1, found 2");
  }

  @Test
  void verbosePrintsTheStackTraceAfterTheErrorLine() {
    for (String[] args : new String[][] {{"--verbose", "bad"}, {"bad", "--verbose"}}) {
      Cli.Result r = Cli.run(withTestCommands(), args);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err().lines().findFirst()).hasValue("odenet: error: --x: expected 1, found 2");
      assertThat(r.err()).contains("java.lang.IllegalArgumentException").contains("\tat ");
    }
  }

  @Test
  void verbosePrintsTheStackTraceForParseErrorsToo() {
    Cli.Result r = Cli.run("basis", "project", "--nope", "--verbose");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("odenet: error: ").contains("\tat ");
  }

  @Test
  void otherExceptionsExit1WithOneLineAndNoStackTrace() {
    Cli.Result r = Cli.run(withTestCommands(), "boom");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines().toList())
        .containsExactly("odenet: error: disk on fire (run with --verbose for details)");
  }

  @Test
  void otherExceptionsWithVerboseShowTheStackTrace() {
    Cli.Result r = Cli.run(withTestCommands(), "--verbose", "boom");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("odenet: error: disk on fire" + System.lineSeparator());
    assertThat(r.err()).contains("java.lang.IllegalStateException").contains("\tat ");
  }

  @Test
  void multiLineMessagesAreCollapsedToOneLine() {
    assertThat(Errors.oneLine("a\n  b\r\nc\n")).isEqualTo("a; b; c");
    assertThat(Errors.oneLine(null)).isEqualTo("unknown error");
  }
}
