package org.odenet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code odenet} in-process and captures what it prints. Test helper. */
public final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** Exit code and captured streams of one run. */
  public record Result(int exit, String out, String err) {
    /** stdout parsed as JSON by an independent parser (Jackson). */
    public JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }

    /** Asserts success with exactly one line of JSON on stdout and nothing on stderr. */
    public JsonNode success() {
      assertThat(err).as("stderr").isEmpty();
      assertThat(exit).as("exit code; stderr: %s", err).isZero();
      assertThat(out.lines().count()).as("stdout lines").isEqualTo(1);
      return json();
    }

    /**
     * Asserts a bad-input failure: exit 2, nothing on stdout, exactly one line {@code odenet:
     * error: …} on stderr naming what was expected and what was found, no stack trace. Returns the
     * message after the prefix.
     */
    public String usageError() {
      assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
      assertThat(out).as("stdout").isEmpty();
      assertThat(err.lines().toList()).as("stderr lines").hasSize(1);
      assertThat(err).startsWith("odenet: error: ").endsWith(System.lineSeparator());
      assertThat(err).contains("expected").contains("found");
      assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
      return err.strip().substring("odenet: error: ".length());
    }
  }

  public static Result run(String... args) {
    return run(Main.commandLine(), args);
  }

  /** Runs a command line built by {@link Main#commandLine()}, possibly with extra subcommands. */
  public static Result run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** The field names of a JSON object, in order. */
  public static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  /** A JSON array of numbers as doubles. */
  public static double[] doubles(JsonNode array) {
    assertThat(array.isArray()).as("array: %s", array).isTrue();
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      assertThat(array.get(i).isNumber()).as("number: %s", array.get(i)).isTrue();
      d[i] = array.get(i).doubleValue();
    }
    return d;
  }

  /** c0,c1,… as a command-line value, full precision. */
  public static String csv(double... values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(Double.toString(v));
    }
    return sb.toString();
  }
}
