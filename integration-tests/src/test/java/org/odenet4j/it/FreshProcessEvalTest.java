package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;

/**
 * {@code odenet eval} of a freshly trained and exported model, run in another JVM, reports the very
 * test accuracy (same correct count, same double) that {@code odenet train} printed: the exported
 * graph is what the trainer evaluated, and nothing of the training process leaks into the result.
 */
class FreshProcessEvalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void evalInAFreshJvmReproducesTheTrainersTestAccuracy(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("models");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "train",
            "image",
            "--data",
            "embedded",
            "--width",
            "2",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--epochs",
            "2",
            "--refine",
            "2",
            "--batch",
            "256",
            "--progress",
            "none",
            "--out",
            base.toString(),
            "--json");
    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    JsonNode trained = JSON.readTree(lines.get(lines.size() - 1)).get("test");

    Process p =
        Forks.java(
                Main.class,
                "eval",
                base.resolve("1").toString(),
                "--data",
                "embedded",
                "--batch",
                "500",
                "--json")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(stdout).isZero();
    JsonNode fresh = JSON.readTree(stdout.strip());
    assertThat(fresh.get("examples").asLong()).isEqualTo(1000);
    assertThat(fresh.get("correct").asLong()).isEqualTo(trained.get("correct").asLong());
    assertThat(fresh.get("accuracy").asDouble()).isEqualTo(trained.get("accuracy").asDouble());
  }
}
