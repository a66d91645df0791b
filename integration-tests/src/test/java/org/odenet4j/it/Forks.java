package org.odenet4j.it;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odenet4j.nativelib.NativeProfile;

/** Starts a main class of this module in a fresh JVM with the test classpath. */
final class Forks {
  private Forks() {}

  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /**
   * {@code main} in a fresh JVM exactly as a user's plain {@code java -cp} would start it: no
   * {@code TF_*} or {@code ONEDNN_*} variable from this environment, so TensorFlow runs with its
   * defaults (oneDNN on); no core dump and at most 15 s to write the error report after a native
   * crash (the JVM default is 120 s; the crash, its exit status and the hs_err file are unchanged).
   * A short-lived process: the C1 compiler and the serial collector about halve a fork's CPU time;
   * neither touches TensorFlow's native code.
   */
  static ProcessBuilder javaWithoutTfEnvironment(Class<?> main, String... args) {
    ProcessBuilder pb = java(main, args);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("TF_") || k.startsWith("ONEDNN_") || k.startsWith("DNNL_"));
    pb.command()
        .addAll(
            1,
            List.of(
                "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorLogTimeout=15",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
    return pb;
  }

  static ProcessBuilder java(Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add(
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"); // as odenet.jar's manifest (NativeLogs)
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    // hermetic: a native profile this machine's user made with `odenet tune` does not apply
    pb.environment()
        .put(
            NativeProfile.PATH_VARIABLE,
            Path.of(System.getProperty("java.io.tmpdir"), "odenet4j-tests-no-native-profile")
                .toString());
    return pb;
  }

  /**
   * The {@code odenet} command ({@code org.odenet4j.cli.Main}) started the way a user starts it
   * ({@link #javaWithoutTfEnvironment}: no {@code TF_*} variables, so no {@code
   * TF_CPP_MIN_LOG_LEVEL} quietening TensorFlow's native logging).
   */
  static ProcessBuilder odenet(String... args) {
    return javaWithoutTfEnvironment(org.odenet4j.cli.Main.class, args);
  }

  /**
   * {@code odenet train image} of a width-4 model on the embedded data, one step, one epoch, into
   * {@code base}: the smallest training run that loads TensorFlow and exports a version.
   */
  static List<String> tinyImageTraining(String base) {
    return List.of(
        "train",
        "image",
        "--data",
        "embedded",
        "--width",
        "4",
        "--basis",
        "piecewise_constant:1",
        "--steps",
        "1",
        "--epochs",
        "1",
        "--batch",
        "64",
        "--validation",
        "0.9",
        "--progress",
        "none",
        "--out",
        base);
  }

  static String sep() {
    return File.pathSeparator;
  }
}
