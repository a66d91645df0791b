package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;

/**
 * The same training command gives the same bytes in another JVM: {@code saved_model.pb} (written in
 * deterministic protobuf order; TensorFlow's own serialisation orders node attributes differently
 * from one process to the next), the variables, and a tagger's vocabulary asset. A tagger is used
 * because its version holds every part: signatures, asset, init op.
 */
class ReproducibleExportTest {
  static final List<String> FILES =
      List.of(
          "saved_model.pb",
          "variables/variables.index",
          "variables/variables.data-00000-of-00001",
          "assets/vocabulary.txt");

  @Test
  void aTaggerTrainedTwiceInTwoJvmsHasTheSameBytes(@TempDir Path tmp) throws Exception {
    List<String> args = new ArrayList<>(List.of("train", "tagger", "--data", "embedded"));
    args.addAll(
        List.of(
            "--epochs",
            "1",
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--d-model",
            "16",
            "--mlp-dim",
            "16",
            "--seed",
            "9",
            "--progress",
            "none",
            "--out"));
    List<String> here = new ArrayList<>(args);
    here.add(tmp.resolve("here").toString());
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(new StringWriter()), new PrintWriter(err), here.toArray(String[]::new));
    assertThat(exit).as(err.toString()).isZero();

    List<String> there = new ArrayList<>(args);
    there.add(tmp.resolve("there").toString());
    Process p =
        Forks.odenet(there.toArray(String[]::new))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    for (String f : FILES) {
      assertThat(tmp.resolve("there/1").resolve(f))
          .as(f)
          .hasSameBinaryContentAs(tmp.resolve("here/1").resolve(f));
    }
  }
}
