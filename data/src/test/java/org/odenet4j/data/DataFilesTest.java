package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure a data file is to blame for names the file, the field, what was expected and what
 * was found.
 */
class DataFilesTest {

  @TempDir Path dir;

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.gz");
    assertThatThrownBy(() -> DataFiles.open(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": file: expected an existing file, found no such file");
    assertThatThrownBy(() -> DataFiles.readUtf8(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": file: expected an existing file, found no such file");
  }

  @Test
  void directoryInsteadOfAFile() {
    assertThatThrownBy(() -> DataFiles.open(dir))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(dir + ": file: expected a regular file, found a directory");
  }

  @Test
  void aFileInsteadOfAFolderOnThePath() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path below = file.resolve("data.txt");
    assertThatThrownBy(() -> DataFiles.open(below))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(below + ": file: expected ")
        .hasMessageContaining(", found ");
  }

  @Test
  void opensAnExistingFile() throws IOException {
    Path f = Files.write(dir.resolve("ok.bin"), new byte[] {1, 2, 3});
    try (InputStream in = DataFiles.open(f)) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void utf8TextIsDecoded() throws IOException {
    Path f = Files.writeString(dir.resolve("u.txt"), "Kučera\tNOUN\n", StandardCharsets.UTF_8);
    assertThat(DataFiles.readUtf8(f)).isEqualTo("Kučera\tNOUN\n");
  }

  /**
   * A Latin-1 "é" (one byte 0xe9) on line 2, after 11 bytes: reported with its line, offset and
   * value.
   */
  @Test
  void latin1TextNamesLineOffsetAndByte() throws IOException {
    String before = "The\tDET\ncaf"; // 11 bytes, one line break
    Path f =
        Files.write(
            dir.resolve("latin1.conll"),
            (before + "é\tNOUN\n").getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> DataFiles.readUtf8(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(
            f
                + ": line 2: expected UTF-8 text, found the byte 0xe9 at byte offset 11, which is not UTF-8");
  }

  /** A multi-byte sequence cut off at the end of the file is not UTF-8 either. */
  @Test
  void truncatedSequenceAtTheEnd() {
    byte[] bytes = {'a', '\n', 'b', '\n', '\n', (byte) 0xc3};
    assertThatThrownBy(() -> DataFiles.decodeUtf8(bytes, "x.txt"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(
            "x.txt: line 4: expected UTF-8 text, found the byte 0xc3 at byte offset 5");
  }
}
