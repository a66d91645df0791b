package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.nativelib.NativeProfile;

/**
 * The {@code odenet} command applies this machine's remembered native profile as a user starts it
 * (a fresh JVM): with a profile saying oneDNN off for a job, the command runs in a child JVM with
 * {@code TF_ENABLE_ONEDNN_OPTS=0} and TensorFlow's own "oneDNN custom operations are on" line (seen
 * with {@code --verbose}) is gone; with on, it is there; a variable the user set wins over the
 * profile; the child's exit code and one-line errors reach the caller unchanged; a malformed
 * profile is one error line naming its file and field.
 */
class NativeProfileLaunchTest {
  private static final String ONEDNN_ON_LINE = "oneDNN custom operations are on";

  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void trainTinyModel() throws Exception {
    Path base = dir.resolve("models");
    List<String> args = new ArrayList<>(Forks.tinyImageTraining(base.toString()));
    args.add("--verbose");
    Run train = run(profile(false, true), Map.of(), args.toArray(String[]::new));
    assertThat(train.exit).as(train.err).isZero();
    assertThat(train.err)
        .as("training: profile says oneDNN on")
        .contains("odenet: native: {TF_ENABLE_ONEDNN_OPTS=1} for training")
        .contains(ONEDNN_ON_LINE);
    model = base.resolve("1");
  }

  @Test
  void inferenceRunsWithoutOneDnnWhenTheProfileSaysOff() throws Exception {
    Run eval = verboseEval(profile(false, true), Map.of());
    assertThat(eval.exit).as(eval.err).isZero();
    assertThat(eval.err)
        .contains("odenet: native: {TF_ENABLE_ONEDNN_OPTS=0} for inference")
        .doesNotContain(ONEDNN_ON_LINE);
    assertThat(eval.out).contains("accuracy");
  }

  /**
   * The choice changes speed, not results: the same two images give the same logits (≤ 1e-4
   * relative to the largest) through {@code odenet predict} with oneDNN on and with it off.
   */
  @Test
  void logitsAreTheSameWithOneDnnOnAndOff() throws Exception {
    StringBuilder body = new StringBuilder("{\"inputs\": [");
    for (int n = 0; n < 2; n++) {
      body.append(n == 0 ? "[" : ",[");
      for (int y = 0; y < 28; y++) {
        body.append(y == 0 ? "[" : ",[");
        for (int x = 0; x < 28; x++) {
          body.append(x == 0 ? "" : ",")
              .append("[")
              .append(((x * 7 + y * 13 + n * 5) % 17) / 16.0)
              .append("]");
        }
        body.append("]");
      }
      body.append("]");
    }
    Path request = dir.resolve("request.json");
    Files.writeString(request, body.append("]}").toString(), StandardCharsets.UTF_8);
    double[] on =
        logits(
            run(
                profile(true, true),
                Map.of(),
                "predict",
                model.toString(),
                "--request",
                request.toString()));
    double[] off =
        logits(
            run(
                profile(false, true),
                Map.of(),
                "predict",
                model.toString(),
                "--request",
                request.toString()));
    assertThat(on).hasSize(20);
    double max = java.util.Arrays.stream(on).map(Math::abs).max().orElseThrow();
    for (int i = 0; i < on.length; i++) {
      assertThat(Math.abs(on[i] - off[i])).as("logit %d", i).isLessThanOrEqualTo(1e-4 * max);
    }
  }

  private static double[] logits(Run r) throws Exception {
    assertThat(r.exit).as(r.err).isZero();
    var outputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out).get("outputs");
    return java.util.stream.StreamSupport.stream(outputs.get("logits").spliterator(), false)
        .flatMap(row -> java.util.stream.StreamSupport.stream(row.spliterator(), false))
        .mapToDouble(com.fasterxml.jackson.databind.JsonNode::asDouble)
        .toArray();
  }

  @Test
  void theUsersVariableWins() throws Exception {
    Run eval = verboseEval(profile(true, true), Map.of("TF_ENABLE_ONEDNN_OPTS", "0"));
    assertThat(eval.exit).as(eval.err).isZero();
    assertThat(eval.err).doesNotContain("odenet: native:").doesNotContain(ONEDNN_ON_LINE);
  }

  @Test
  void errorsAndExitCodesPassThroughTheChild() throws Exception {
    Run eval = run(profile(false, true), Map.of(), "eval", dir.resolve("absent").toString());
    assertThat(eval.exit).isEqualTo(2);
    assertThat(eval.err.lines().toList()).hasSize(1).allMatch(l -> l.startsWith("odenet: error: "));
    assertThat(eval.out).isEmpty();
  }

  @Test
  void aMalformedProfileIsOneLine() throws Exception {
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "cpu=x\ninference.onednn=fast\n", StandardCharsets.UTF_8);
    Run eval = run(bad, Map.of(), "eval", model.toString(), "--data", "embedded");
    assertThat(eval.exit).isEqualTo(2);
    assertThat(eval.err.lines().toList())
        .containsExactly(
            "odenet: error: " + bad + ": field inference.onednn: expected on or off, found 'fast'");
  }

  private static Run verboseEval(Path profile, Map<String, String> extra) throws Exception {
    return run(profile, extra, "eval", model.toString(), "--data", "embedded", "--verbose");
  }

  private static Path profile(boolean inferenceOn, boolean trainingOn) {
    Path file = dir.resolve("profile-" + inferenceOn + "-" + trainingOn + ".properties");
    new NativeProfile(
            NativeProfile.thisCpu(),
            "test",
            Map.of(
                NativeJob.INFERENCE, new NativeProfile.Choice(inferenceOn, 2, 1),
                NativeJob.TRAINING, new NativeProfile.Choice(trainingOn, 1, 2)))
        .write(file);
    return file;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path profile, Map<String, String> extra, String... args) throws Exception {
    ProcessBuilder pb = Forks.odenet(args).directory(dir.toFile());
    pb.environment().put(NativeProfile.PATH_VARIABLE, profile.toString());
    pb.environment().putAll(extra);
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), o, Files.readString(err, StandardCharsets.UTF_8));
  }
}
