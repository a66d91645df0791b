package org.odenet4j.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odenet4j.basis.Basis;

class ArgsTest {
  /**
   * --progress: none prints nowhere, lines and live go to the error stream (live redraws), anything
   * else is refused naming the choices.
   */
  @Test
  void progressModes() {
    PrintWriter err = new PrintWriter(new StringWriter());
    assertThat(Args.progress("none", err)).isEqualTo(new Args.Progress(null, false));
    assertThat(Args.progress("lines", err)).isEqualTo(new Args.Progress(err, false));
    assertThat(Args.progress("live", err)).isEqualTo(new Args.Progress(err, true));
    assertThat(Args.progress("auto", err).out()).isSameAs(err); // live only on a console
    assertThatThrownBy(() -> Args.progress("bars", err))
        .hasMessage("--progress: expected auto, live, lines or none, found bars");
  }

  @Test
  void parsesPlainDecimalNumbers() {
    assertThat(Args.numbers("--c", "1, -2.5,+3e2,.5,4.,1E-3"))
        .containsExactly(1, -2.5, 300, 0.5, 4, 0.001);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1,x", "1d", "0x1p3", "NaN", "Infinity", "1,,2", "1,", "", " ", "1 2", "--1"})
  void rejectsAnythingElseNamingTheOption(String text) {
    assertThatThrownBy(() -> Args.numbers("--c", text))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .startsWith("--c: expected ")
        .contains("found");
  }

  @Test
  void rejectsOverflow() {
    assertThatThrownBy(() -> Args.numbers("--c", "1e999"))
        .hasMessage(
            "--c: expected finite numbers, found '1e999' at position 1 (out of double range)");
  }

  @Test
  void coefficientCountMustMatchTheBasis() {
    Basis pc = Basis.parse("piecewise_constant:16");
    assertThatThrownBy(() -> Args.coefficients("--coeffs", "1,2,3", pc))
        .hasMessage("--coeffs: expected 16 numbers for piecewise_constant:16, found 3");
  }

  @Test
  void depthsMustLieInTheUnitInterval() {
    assertThat(Args.depths("--at", "0,1")).containsExactly(0, 1);
    assertThatThrownBy(() -> Args.depths("--at", "0,1.0000001"))
        .hasMessage("--at: expected depths t in [0, 1], found 1.0000001 at position 2");
  }

  @Test
  void basisErrorsNameTheOption() {
    assertThatThrownBy(() -> Args.basis("--to", "spline:3"))
        .message()
        .startsWith("--to: ")
        .contains("expected")
        .contains("found 'spline'");
  }

  /**
   * An output file is checked before any work: a directory or a file on its path fails, missing
   * folders are fine.
   */
  @Test
  void outputFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Args.outputFile("--plot", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--plot: expected a file to write, found " + dir + ", a directory");
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> Args.outputFile("--plot", file.resolve("sub/plot.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--plot: expected a folder to write "
                + file.resolve("sub/plot.png")
                + " in, found "
                + file
                + ", a file");
    assertThat(Args.outputFile("--plot", dir.resolve("new/folder/plot.png")))
        .isEqualTo(dir.resolve("new/folder/plot.png"));
    assertThat(Args.outputFile("--plot", file)).isEqualTo(file); // an existing file is replaced
    assertThat(dir.resolve("new")).doesNotExist(); // nothing is created by the check
  }

  /**
   * An output folder (a model base) is checked before any work: the folder itself or a folder on
   * its path being a file fails; an existing folder and missing folders under one are fine. (A
   * read-only folder is refused too; the tests run as root, for whom a chmod'ed folder stays
   * writable, so BadInputCorpusTest checks that on a read-only tmpfs.)
   */
  @Test
  void outputFolder(@TempDir Path dir) throws Exception {
    assertThat(Args.outputFolder("--out", dir)).isEqualTo(dir);
    assertThat(Args.outputFolder("--out", dir.resolve("new/base")))
        .isEqualTo(dir.resolve("new/base"));
    assertThat(dir.resolve("new")).doesNotExist(); // nothing is created by the check
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> Args.outputFolder("--out", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--out: expected a folder, found " + file + ", a file");
    assertThatThrownBy(() -> Args.outputFolder("--keep", file.resolve("sub/base")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--keep: expected a folder to create "
                + file.resolve("sub/base")
                + " in, found "
                + file
                + ", a file");
  }
}
