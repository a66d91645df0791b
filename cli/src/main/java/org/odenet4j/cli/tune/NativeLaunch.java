package org.odenet4j.cli.tune;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.nativelib.NativeProfile;
import org.odenet4j.nativelib.OneDnn;

/**
 * Applies the remembered native profile to an {@code odenet} command. TensorFlow reads {@value
 * OneDnn#VARIABLE} from the process environment, which a running JVM cannot change; so when this
 * machine's profile ({@code odenet tune}) has a choice for the command's job and the user has not
 * set the variable, the command runs in a child JVM started with it (same JVM options, class path
 * and arguments, inherited stdin/stdout/stderr, its exit code passed on). A variable the user set
 * always wins, and without a profile nothing happens.
 *
 * <p>Jobs: {@code train} and {@code demo} train; {@code predict}, {@code eval}, {@code compress}
 * and {@code sweep} run inference graphs; every other command needs no native setting.
 */
public final class NativeLaunch {
  private NativeLaunch() {}

  /** The job of the command line's subcommand, if it has one that runs TensorFlow graphs. */
  static Optional<NativeJob> job(String[] args) {
    for (String a : args) {
      if (a.startsWith("-")) {
        continue; // options before the subcommand (--verbose)
      }
      return switch (a) {
        case "train", "demo" -> Optional.of(NativeJob.TRAINING);
        case "predict", "eval", "compress", "sweep" -> Optional.of(NativeJob.INFERENCE);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /**
   * The environment entry the command must start with, or empty when it runs as it is: no job, the
   * variable already set, no profile, or a profile of another CPU or without this job.
   */
  static Optional<Map<String, String>> environment(
      String[] args,
      Map<String, String> environment,
      Function<Path, Optional<NativeProfile>> profiles) {
    Optional<NativeJob> job = job(args);
    if (job.isEmpty() || environment.containsKey(OneDnn.VARIABLE)) {
      return Optional.empty();
    }
    return profiles
        .apply(NativeProfile.defaultPath(environment))
        .flatMap(p -> p.oneDnn(job.get()))
        .map(OneDnn::environment);
  }

  /**
   * Runs {@code args} in a child JVM when the profile asks for a setting this JVM does not have,
   * and returns its exit code; empty when this JVM should run the command itself.
   */
  public static OptionalInt relaunchIfProfiled(String[] args) {
    Optional<Map<String, String>> env = environment(args, System.getenv(), NativeProfile::read);
    if (env.isEmpty()) {
      return OptionalInt.empty();
    }
    List<String> options =
        new ArrayList<>(jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    // the jar manifest's Add-Opens applies to java -jar only; NativeLogs needs it under -cp too
    options.addAll(List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
    List<String> cmd = javaCommand(options, mainClass());
    cmd.addAll(List.of(args));
    if (List.of(args).contains("--verbose")) {
      System.err.println(
          "odenet: native: "
              + env.get()
              + " for "
              + job(args).orElseThrow().key()
              + " (profile "
              + NativeProfile.defaultPath(System.getenv())
              + "), in a child JVM");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putAll(env.get());
    try {
      Process child = pb.start();
      Thread stop = new Thread(child::destroy, "odenet-native-launch");
      Runtime.getRuntime().addShutdownHook(stop);
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stop);
      return OptionalInt.of(code);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }

  /**
   * A command line starting {@code mainClass} in a new JVM: this JVM's {@code java} binary, {@code
   * options}, this JVM's class path. Mutable, for the caller's arguments.
   */
  static List<String> javaCommand(List<String> options, String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(options);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    return cmd;
  }

  /**
   * This JVM's options for the child, without a debugger agent: the child would try to listen on
   * the same port, and the parent only waits.
   */
  static List<String> jvmOptions(List<String> options) {
    return options.stream()
        .filter(o -> !o.startsWith("-agentlib:jdwp") && !o.startsWith("-Xrunjdwp"))
        .toList();
  }

  private static String mainClass() {
    return "org.odenet4j.cli.Main";
  }
}
