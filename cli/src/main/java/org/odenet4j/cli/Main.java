package org.odenet4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalInt;
import org.odenet4j.cli.basis.BasisCommand;
import org.odenet4j.cli.common.Errors;
import org.odenet4j.cli.eval.EvalCommand;
import org.odenet4j.cli.model.ModelCommand;
import org.odenet4j.cli.train.TrainCommand;
import org.odenet4j.cli.tune.NativeLaunch;
import org.odenet4j.nativelib.NativeLogs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code odenet} command. Every subcommand is a class of its own, registered in {@link
 * Command#subcommands()} below ({@code basis}, {@code model}, {@code inspect}, {@code train},
 * {@code eval}, {@code predict}, {@code compress}, {@code sweep}, {@code demo}, {@code tune}).
 *
 * <p>Before anything else, {@link NativeLaunch} applies the native profile {@code odenet tune}
 * remembered for this machine: a command whose job it has a choice for runs in a child JVM started
 * with that oneDNN setting.
 *
 * <p>Errors are handled in one place, {@link Errors}: an {@link IllegalArgumentException} from a
 * command, a bad data file ({@link org.odenet4j.data.DataFormatException}) or a picocli usage error
 * prints one line {@code odenet: error: <message>} to stderr and exits 2; anything else exits 1.
 * Stack traces only with {@code --verbose}.
 */
@Command(
    name = "odenet",
    description = "ODE-Nets with basis-function weights: train, inspect and compress them.",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    subcommands = {
      BasisCommand.class,
      ModelCommand.class,
      InspectCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      org.odenet4j.cli.predict.PredictCommand.class,
      org.odenet4j.cli.compress.CompressCommand.class,
      org.odenet4j.cli.compress.SweepCommand.class,
      org.odenet4j.cli.demo.DemoCommand.class,
      org.odenet4j.cli.tune.TuneCommand.class
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  private boolean verbose;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces for errors, and TensorFlow's native log lines.")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
  }

  /** True once {@code --verbose} was given anywhere on the command line. */
  public boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    throw Errors.missingSubcommand(spec);
  }

  /** A fully configured command line (error handlers installed); tests call this. */
  public static CommandLine commandLine() {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    Errors errors = new Errors(main::verbose);
    cl.setParameterExceptionHandler(errors);
    cl.setExecutionExceptionHandler(errors);
    return cl;
  }

  /** Runs the command with the given writers and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The JDK logging format of the {@code odenet} command, unless the user set one. */
  static final String LOG_FORMAT = "odenet: %4$s: %5$s%6$s%n";

  /**
   * Library warnings (e.g. an ODE block whose steps never reach some basis functions) print as one
   * line, {@code odenet: WARNING: …}, instead of the JDK's two-line default with a time stamp and a
   * class name. Must run before the first log record; a format or logging configuration the user
   * gave ({@code -Djava.util.logging.SimpleFormatter.format=…}, {@code
   * -Djava.util.logging.config.file=…}) is kept.
   */
  static void oneLineWarnings() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
  }

  /**
   * Output is UTF-8 whatever the platform charset (help text uses θ, φ, Σ). Stderr carries only
   * odenet's own lines: TensorFlow's native log lines are filtered ({@link NativeLogs#quiet()})
   * unless {@code --verbose} is given.
   */
  public static void main(String[] args) {
    OptionalInt relaunched;
    try {
      relaunched = NativeLaunch.relaunchIfProfiled(args);
    } catch (IllegalArgumentException e) {
      System.err.println("odenet: error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (relaunched.isPresent()) {
      System.exit(relaunched.getAsInt());
    }
    if (!Arrays.asList(args).contains("--verbose")) {
      NativeLogs.quiet();
    }
    oneLineWarnings();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    System.exit(run(out, err, args));
  }
}
