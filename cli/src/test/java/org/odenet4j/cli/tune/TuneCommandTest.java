package org.odenet4j.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.nativelib.NativeProfile;

/**
 * {@code odenet tune} measures both settings of both jobs in fresh JVMs and writes the profile the
 * table reports; the choice follows the stated rule (on unless off is more than 3 % faster; a
 * setting that failed is never chosen).
 */
class TuneCommandTest {
  @TempDir Path dir;

  @Test
  void quickTuneWritesTheProfileItReports() {
    Path file = dir.resolve("native.properties");
    Cli.Result r =
        Cli.run("tune", "--quick", "--rounds", "1", "--profile", file.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err().lines().toList())
        .as("progress lines, odenet's own")
        .hasSize(4)
        .allMatch(l -> l.startsWith("odenet: tune: "));
    JsonNode json = r.json();
    assertThat(json.get("profile").asText()).isEqualTo(file.toString());
    NativeProfile p = NativeProfile.read(file).orElseThrow();
    assertThat(p.fitsThisMachine()).isTrue();
    assertThat(json.get("cpu").asText()).isEqualTo(p.cpu());
    for (NativeJob job : NativeJob.values()) {
      JsonNode j = json.get(job.key());
      NativeProfile.Choice c = p.choices().get(job);
      assertThat(c.onMillis()).isEqualTo(j.get("on_ms").asDouble()).isPositive();
      assertThat(c.offMillis()).isEqualTo(j.get("off_ms").asDouble()).isPositive();
      assertThat(j.get("on_rounds_ms")).hasSize(1);
      assertThat(c.oneDnn()).isEqualTo(c.offMillis() >= c.onMillis() * 0.97);
      assertThat(j.get("onednn").asText()).isEqualTo(c.oneDnn() ? "on" : "off");
    }
  }

  @Test
  void onlyTheMeasuredJobChangesAnExistingProfile() {
    Path file = dir.resolve("native.properties");
    NativeProfile.Choice kept = new NativeProfile.Choice(false, 9.0, 3.0);
    new NativeProfile(NativeProfile.thisCpu(), "earlier", Map.of(NativeJob.INFERENCE, kept))
        .write(file);
    Cli.Result r =
        Cli.run(
            "tune", "--quick", "--rounds", "1", "--jobs", "training", "--profile", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("training").doesNotContain("inference");
    NativeProfile p = NativeProfile.read(file).orElseThrow();
    assertThat(p.choices().get(NativeJob.INFERENCE)).isEqualTo(kept);
    assertThat(p.choices()).containsKey(NativeJob.TRAINING);
  }

  /** With --model, inference is timed through the exported version's own signature. */
  @Test
  void aModelIsTimedThroughItsSignature() {
    Path version =
        org.odenet4j.cli.predict.PredictFixtures.export(
            org.odenet4j.cli.compress.Fixtures.spec("piecewise_constant:1", 1),
            dir.resolve("m"),
            3,
            List.of());
    Path file = dir.resolve("native.properties");
    Cli.Result r =
        Cli.run(
            "tune",
            "--quick",
            "--rounds",
            "1",
            "--jobs",
            "inference",
            "--model",
            version.toString(),
            "--profile",
            file.toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("inference_model").asText()).isEqualTo(version.toString());
    assertThat(NativeProfile.read(file).orElseThrow().choices())
        .containsOnlyKeys(NativeJob.INFERENCE);
    assertThat(
            Cli.run("tune", "--model", dir.toString(), "--profile", file.toString()).usageError())
        .isEqualTo(
            "--model: expected a SavedModel version directory (with saved_model.pb), found " + dir);
  }

  @Test
  void aMalformedProfileIsReplacedWithAWarning() throws java.io.IOException {
    Path file = dir.resolve("native.properties");
    java.nio.file.Files.writeString(file, "cpu=x\ntraining.onednn=fast\n");
    Cli.Result r =
        Cli.run(
            "tune", "--quick", "--rounds", "1", "--jobs", "training", "--profile", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("odenet: warning: ")).toList())
        .containsExactly(
            "odenet: warning: "
                + file
                + ": field training.onednn: expected on or off, found 'fast'; writing a new profile");
    assertThat(NativeProfile.read(file).orElseThrow().fitsThisMachine()).isTrue();
  }

  @Test
  void choiceRule() {
    assertThat(TuneCommand.choose(100, 98)).as("2 % faster off: keep the default").isTrue();
    assertThat(TuneCommand.choose(100, 96)).as("4 % faster off").isFalse();
    assertThat(TuneCommand.choose(100, 300)).isTrue();
    assertThat(TuneCommand.choose(Double.NaN, 300)).as("on failed").isFalse();
    assertThat(TuneCommand.choose(100, Double.NaN)).as("off failed").isTrue();
  }

  @Test
  void badArgumentsAreOneLine() {
    assertThat(Cli.run("tune", "--jobs", "serving").usageError())
        .isEqualTo("native job: expected one of inference, training, found 'serving'");
    assertThat(Cli.run("tune", "--rounds", "0").usageError())
        .isEqualTo("--rounds: expected at least 1, found 0");
  }
}
