package org.odenet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.odenet4j.cli.common.Errors;
import org.odenet4j.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A bad data file is bad input: one line naming file, field, expected and found, exit 2; other I/O
 * failures exit 1.
 */
class ErrorsTest {

  @Command(name = "bad-data")
  static final class BadData implements Runnable {
    @Override
    public void run() {
      IOException cause =
          new DataFormatException(
              "labels.gz", "magic number", "0x00000801 (IDX labels)", "0x12345678");
      throw new UncheckedIOException(cause.getMessage(), cause);
    }
  }

  @Command(name = "direct-data")
  static final class DirectData implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      throw new DataFormatException("x.conll", "line 3", "UTF-8 text", "the byte 0xe9");
    }
  }

  @Command(name = "disk")
  static final class Disk implements Runnable {
    @Override
    public void run() {
      throw new UncheckedIOException(
          "out/1: cannot write", new IOException("No space left on device"));
    }
  }

  private static CommandLine commands() {
    return Main.commandLine()
        .addSubcommand(new BadData())
        .addSubcommand(new DirectData())
        .addSubcommand(new Disk());
  }

  @Test
  void wrappedDataFormatExceptionIsOneLineAndExit2() {
    assertThat(Cli.run(commands(), "bad-data").usageError())
        .isEqualTo("labels.gz: magic number: expected 0x00000801 (IDX labels), found 0x12345678");
  }

  @Test
  void dataFormatExceptionThrownDirectlyIsOneLineAndExit2() {
    assertThat(Cli.run(commands(), "direct-data").usageError())
        .isEqualTo("x.conll: line 3: expected UTF-8 text, found the byte 0xe9");
  }

  @Test
  void verboseAddsTheStackTraceAfterTheLine() {
    Cli.Result r = Cli.run(commands(), "--verbose", "bad-data");
    assertThat(r.exit()).isEqualTo(Errors.USAGE);
    assertThat(r.err().lines().findFirst())
        .hasValue(
            "odenet: error: labels.gz: magic number: expected 0x00000801 (IDX labels), found 0x12345678");
    assertThat(r.err()).contains("DataFormatException").contains("\tat ");
  }

  @Test
  void otherIoFailuresStayExit1() {
    Cli.Result r = Cli.run(commands(), "disk");
    assertThat(r.exit()).isEqualTo(Errors.FAILURE);
    assertThat(r.err().lines().toList())
        .containsExactly("odenet: error: out/1: cannot write (run with --verbose for details)");
  }
}
