package org.odenet4j.nativelib;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TensorFlow's oneDNN switch, the environment variable {@value #VARIABLE}.
 *
 * <p>TensorFlow reads it once per process ({@code tsl::ReadBoolFromEnvVar}): {@code 0}/{@code
 * false} turn oneDNN's kernels and graph rewrites off, {@code 1}/{@code true} on, case-insensitive,
 * not trimmed; unset (or anything else) leaves TensorFlow's default, which for TensorFlow 2.18 on
 * x86 (TF Java 1.1.0) depends on the CPU's features. A JVM cannot set its own environment, so the
 * value must be in place when the JVM starts: the {@code odenet} command starts itself again with
 * it when a remembered profile asks for it ({@link NativeProfile}); a library user sets it in the
 * environment of the program that embeds odenet4j.
 */
public final class OneDnn {
  /** The environment variable TensorFlow reads. */
  public static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  private OneDnn() {}

  /**
   * What {@code environment} asks TensorFlow for: on, off, or empty when the variable is unset (or
   * holds something TensorFlow does not read as a boolean, such as {@code " 0"} or {@code yes},
   * which leaves its default).
   */
  public static Optional<Boolean> requested(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "0", "false" -> Optional.of(false);
      case "1", "true" -> Optional.of(true);
      default -> Optional.empty();
    };
  }

  /** The environment entry that turns oneDNN {@code on} or off. */
  public static Map<String, String> environment(boolean on) {
    return Map.of(VARIABLE, on ? "1" : "0");
  }

  /** {@code on} or {@code off}, as reports print it. */
  public static String describe(boolean on) {
    return on ? "on" : "off";
  }
}
