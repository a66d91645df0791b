package org.odenet4j.nativelib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile remembers a oneDNN choice per job for the CPU it was measured on, and only for it; it
 * survives a write and a read unchanged (failed measurements included), and a malformed file is one
 * line naming the file, the field, what was expected and what was found.
 */
class NativeProfileTest {
  @TempDir Path dir;

  private static NativeProfile here() {
    return new NativeProfile(
        NativeProfile.thisCpu(),
        "2026-12-03T09:00:00Z",
        Map.of(
            NativeJob.INFERENCE, new NativeProfile.Choice(false, 915.25, 282.5),
            NativeJob.TRAINING, new NativeProfile.Choice(true, 1125.0, Double.NaN)));
  }

  @Test
  void writeThenReadGivesTheSameProfile() throws IOException {
    Path file = dir.resolve("sub/native.properties");
    here().write(file);
    NativeProfile back = NativeProfile.read(file).orElseThrow();
    assertThat(back.cpu()).isEqualTo(NativeProfile.thisCpu());
    assertThat(back.measured()).isEqualTo("2026-12-03T09:00:00Z");
    assertThat(back.choices()).isEqualTo(here().choices());
    assertThat(back.oneDnn(NativeJob.INFERENCE)).contains(false);
    assertThat(back.oneDnn(NativeJob.TRAINING)).contains(true);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("native.properties");
    }
  }

  @Test
  void aProfileOfAnotherCpuGivesNoAdvice() {
    NativeProfile other =
        new NativeProfile("Some Other CPU | 0123456789ab | x86_64 | 64", "", here().choices());
    assertThat(other.fitsThisMachine()).isFalse();
    assertThat(other.oneDnn(NativeJob.INFERENCE)).isEmpty();
    assertThat(here().fitsThisMachine()).isTrue();
  }

  @Test
  void aJobWithoutAChoiceGivesNoAdvice() {
    NativeProfile p =
        new NativeProfile(
            NativeProfile.thisCpu(),
            "",
            Map.of(NativeJob.TRAINING, here().choices().get(NativeJob.TRAINING)));
    assertThat(p.oneDnn(NativeJob.INFERENCE)).isEmpty();
  }

  @Test
  void noFileIsNoProfile() {
    assertThat(NativeProfile.read(dir.resolve("absent.properties"))).isEmpty();
  }

  @Test
  void thisCpuNamesTheArchitectureAndCores() {
    String cpu = NativeProfile.thisCpu();
    assertThat(cpu.split(" \\| ")).hasSize(4);
    assertThat(cpu)
        .endsWith(
            " | "
                + System.getProperty("os.arch")
                + " | "
                + Runtime.getRuntime().availableProcessors());
    assertThat(NativeProfile.thisCpu()).isEqualTo(cpu);
  }

  @Test
  void malformedFieldsAreOneLineNamingFileFieldExpectedAndFound() throws IOException {
    Path file = dir.resolve("bad.properties");
    for (List<String> c :
        List.of(
            List.of("measured=x\n", "field cpu: expected a value, found none"),
            List.of(
                "cpu=x\ninference.onednn=maybe\n",
                "field inference.onednn: expected on or off, found 'maybe'"),
            List.of(
                "cpu=x\ntraining.onednn=on\ntraining.on_ms=-3\ntraining.off_ms=1\n",
                "field training.on_ms: expected a positive number of ms or failed, found '-3'"),
            List.of(
                "cpu=x\ntraining.onednn=on\ntraining.on_ms=1\n",
                "field training.off_ms: expected a value, found none"))) {
      Files.writeString(file, c.get(0), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> NativeProfile.read(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + ": " + c.get(1));
    }
  }

  @Test
  void defaultPathFollowsTheVariableThenXdgThenHome() {
    assertThat(NativeProfile.defaultPath(Map.of(NativeProfile.PATH_VARIABLE, "/x/p.properties")))
        .isEqualTo(Path.of("/x/p.properties"));
    assertThat(NativeProfile.defaultPath(Map.of("XDG_CONFIG_HOME", "/cfg")))
        .isEqualTo(Path.of("/cfg/odenet4j/native.properties"));
    assertThat(NativeProfile.defaultPath(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config/odenet4j/native.properties"));
  }

  @Test
  void oneDnnReadsTheVariableAsTensorFlowDoes() {
    assertThat(OneDnn.requested(Map.of())).isEmpty();
    for (String off : List.of("0", "false", "FALSE")) {
      assertThat(OneDnn.requested(Map.of(OneDnn.VARIABLE, off))).as(off).contains(false);
    }
    for (String on : List.of("1", "true", "True")) {
      assertThat(OneDnn.requested(Map.of(OneDnn.VARIABLE, on))).as(on).contains(true);
    }
    // as TF Java 1.1.0's TensorFlow reads them (checked by its "oneDNN custom operations are on"
    // line): 0 and FALSE turn oneDNN off; " 0" and "yes" leave the default, which is on here
    for (String other : List.of("yes", " 0", "")) {
      assertThat(OneDnn.requested(Map.of(OneDnn.VARIABLE, other)))
          .as(other)
          .isEqualTo(Optional.empty());
    }
    assertThat(OneDnn.environment(false)).isEqualTo(Map.of(OneDnn.VARIABLE, "0"));
    assertThat(NativeJob.ofKey("training")).isEqualTo(NativeJob.TRAINING);
    assertThatThrownBy(() -> NativeJob.ofKey("serving"))
        .hasMessage("native job: expected one of inference, training, found 'serving'");
  }
}
