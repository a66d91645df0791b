package org.odenet4j.cli.common;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.odenet4j.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where errors become output and exit codes:
 *
 * <ul>
 *   <li>usage errors (picocli {@link ParameterException}s: unknown or missing options, bad
 *       subcommands), {@link IllegalArgumentException}s from a command (bad values, with a message
 *       naming what was expected and what was found) and {@link DataFormatException}s (bad data
 *       files, also when wrapped, e.g. in an {@link java.io.UncheckedIOException}; the message
 *       names the file, the field, what was expected and what was found): one line {@code odenet:
 *       error: <message>} on stderr, exit {@value #USAGE};
 *   <li>anything else: one line {@code odenet: error: <message>}, exit {@value #FAILURE}.
 * </ul>
 *
 * With {@code --verbose} the stack trace follows the line.
 */
public final class Errors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /** Exit code for bad input. */
  public static final int USAGE = 2;

  /** Exit code for a failure that is not the input's fault. */
  public static final int FAILURE = 1;

  /** Every error line starts with this. */
  public static final String PREFIX = "odenet: error: ";

  private final BooleanSupplier verboseFlag;

  /**
   * @param verbose whether {@code --verbose} was given (read when an error is reported)
   */
  public Errors(BooleanSupplier verbose) {
    this.verboseFlag = verbose;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String message =
        usageMessage(ex) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
    report(cl.getErr(), message, ex, verbose(args));
    return USAGE;
  }

  /** picocli's message, reworded to "expected …, found …" where that is clearer. */
  private static String usageMessage(ParameterException ex) {
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    if (ex instanceof MissingParameterException) {
      List<String> parts = new ArrayList<>();
      for (ArgSpec arg : ((MissingParameterException) ex).getMissing()) {
        String name =
            arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : arg.paramLabel();
        parts.add(name + ": expected " + arg.paramLabel() + ", found nothing");
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    }
    if (ex instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException unmatched = (UnmatchedArgumentException) ex;
      List<String> args = unmatched.getUnmatched();
      List<String> suggestions = unmatched.getSuggestions();
      String hint =
          suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?";
      if (!spec.subcommands().isEmpty() && !args.isEmpty() && !args.get(0).startsWith("-")) {
        return "unknown command: expected one of "
            + String.join(", ", spec.subcommands().keySet())
            + ", found '"
            + args.get(0)
            + "'"
            + hint;
      }
      return oneLine(ex.getMessage()) + hint;
    }
    return oneLine(ex.getMessage());
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    boolean verbose = verboseFlag.getAsBoolean();
    if (ex instanceof IllegalArgumentException) {
      report(cl.getErr(), oneLine(ex.getMessage()), ex, verbose);
      return USAGE;
    }
    DataFormatException data = dataError(ex);
    if (data != null) {
      report(cl.getErr(), oneLine(data.getMessage()), ex, verbose);
      return USAGE;
    }
    String message = ex.getMessage() == null ? ex.getClass().getName() : oneLine(ex.getMessage());
    if (!verbose) {
      message += " (run with --verbose for details)";
    }
    report(cl.getErr(), message, ex, verbose);
    return FAILURE;
  }

  /** The {@link DataFormatException} that {@code ex} is or was caused by, or null. */
  static DataFormatException dataError(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException d) {
        return d;
      }
    }
    return null;
  }

  /** A usage error for a command that needs a subcommand but got none. */
  public static ParameterException missingSubcommand(CommandSpec spec) {
    return new ParameterException(
        spec.commandLine(),
        "missing command: expected one of "
            + String.join(", ", spec.subcommands().keySet())
            + ", found nothing");
  }

  private boolean verbose(String[] args) {
    if (verboseFlag.getAsBoolean()) {
      return true;
    }
    // A parse error may stop picocli before it reaches --verbose.
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static void report(PrintWriter err, String message, Throwable ex, boolean verbose) {
    err.println(PREFIX + message);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  /** Collapses a multi-line message into one line. */
  public static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
