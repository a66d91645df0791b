package org.odenet4j.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.nativelib.NativeProfile;

/**
 * Which commands a profile applies to, and when it does not: the user's own variable wins, a
 * profile of another CPU or without the job gives nothing, commands that run no graph never start a
 * second JVM. (The relaunch itself is checked in a forked JVM by {@code NativeProfileLaunchTest} in
 * integration-tests.)
 */
class NativeLaunchTest {
  private static final Path FILE = Path.of("/profiles/native.properties");
  private static final Map<String, String> ENV =
      Map.of(NativeProfile.PATH_VARIABLE, FILE.toString());

  private static Function<Path, Optional<NativeProfile>> profile(
      String cpu, NativeJob job, boolean on) {
    NativeProfile p = new NativeProfile(cpu, "", Map.of(job, new NativeProfile.Choice(on, 2, 1)));
    return path -> path.equals(FILE) ? Optional.of(p) : Optional.empty();
  }

  @Test
  void commandsMapToTheirJobs() {
    assertThat(NativeLaunch.job(new String[] {"train", "image"})).contains(NativeJob.TRAINING);
    assertThat(NativeLaunch.job(new String[] {"--verbose", "demo"})).contains(NativeJob.TRAINING);
    for (String c : new String[] {"predict", "eval", "compress", "sweep"}) {
      assertThat(NativeLaunch.job(new String[] {c, "x"})).as(c).contains(NativeJob.INFERENCE);
    }
    for (String c : new String[] {"tune", "inspect", "basis", "model", "--help"}) {
      assertThat(NativeLaunch.job(new String[] {c})).as(c).isEmpty();
    }
    assertThat(NativeLaunch.job(new String[0])).isEmpty();
  }

  @Test
  void theChildGetsTheJvmOptionsButNotADebugger() {
    assertThat(
            NativeLaunch.jvmOptions(
                java.util.List.of(
                    "-Xmx2g",
                    "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                    "-Dx=1",
                    "-Xrunjdwp:transport=dt_socket")))
        .containsExactly("-Xmx2g", "-Dx=1");
  }

  @Test
  void aMatchingProfileSetsTheVariableForItsJob() {
    var off = profile(NativeProfile.thisCpu(), NativeJob.INFERENCE, false);
    assertThat(NativeLaunch.environment(new String[] {"predict", "d"}, ENV, off))
        .contains(Map.of("TF_ENABLE_ONEDNN_OPTS", "0"));
    var on = profile(NativeProfile.thisCpu(), NativeJob.TRAINING, true);
    assertThat(NativeLaunch.environment(new String[] {"train", "image"}, ENV, on))
        .contains(Map.of("TF_ENABLE_ONEDNN_OPTS", "1"));
    assertThat(NativeLaunch.environment(new String[] {"predict", "d"}, ENV, on))
        .as("no choice for inference")
        .isEmpty();
  }

  @Test
  void theUsersVariableAnotherCpuOrNoProfileLeaveTheCommandAlone() {
    var off = profile(NativeProfile.thisCpu(), NativeJob.INFERENCE, false);
    Map<String, String> userSet =
        Map.of(NativeProfile.PATH_VARIABLE, FILE.toString(), "TF_ENABLE_ONEDNN_OPTS", "1");
    assertThat(NativeLaunch.environment(new String[] {"predict", "d"}, userSet, off)).isEmpty();
    var elsewhere = profile("Other | 000000000000 | aarch64 | 96", NativeJob.INFERENCE, false);
    assertThat(NativeLaunch.environment(new String[] {"predict", "d"}, ENV, elsewhere)).isEmpty();
    assertThat(NativeLaunch.environment(new String[] {"predict", "d"}, ENV, p -> Optional.empty()))
        .isEmpty();
    assertThat(NativeLaunch.environment(new String[] {"inspect", "d"}, ENV, off)).isEmpty();
  }
}
