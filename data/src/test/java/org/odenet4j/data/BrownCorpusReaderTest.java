package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownCorpusReaderTest {

  static final String SAMPLE =
      "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ./.\n\n\n"
          + "\tIt/pps 's/bez 1/2/cd of/in 4-1/2%/nn ,/, isn't/bez* it/pps ?/.\n\n";

  @TempDir Path dir;

  @Test
  void oneSentencePerNonBlankLineSplitAtLastSlash() throws IOException {
    List<TaggedSentence> s = BrownCorpusReader.parse(SAMPLE, "ca01");
    assertThat(s).hasSize(2);
    assertThat(s.get(0).words()).containsExactly("The", "Fulton", "County", "said", ".");
    assertThat(s.get(0).tags()).containsExactly("at", "np-tl", "nn-tl", "vbd", ".");
    assertThat(s.get(1).words())
        .containsExactly("It", "'s", "1/2", "of", "4-1/2%", ",", "isn't", "it", "?");
    assertThat(s.get(1).tags())
        .containsExactly("pps", "bez", "cd", "in", "nn", ",", "bez*", "pps", ".");
  }

  @Test
  void crlfAndSpacesAreWhitespace() throws IOException {
    List<TaggedSentence> s = BrownCorpusReader.parse("a/at  b/nn\r\n\r\n c/in\r\n", "x");
    assertThat(s)
        .extracting(TaggedSentence::words)
        .containsExactly(List.of("a", "b"), List.of("c"));
  }

  /** A Latin-1 file: the first byte that is not UTF-8 is named with its line. */
  @Test
  void latin1FileNamesTheLine() throws IOException {
    Path f = dir.resolve("ca01");
    Files.write(
        f, "\tThe/at caf\u00e9/nn ./.\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> BrownCorpusReader.read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(
            f + ": line 1: expected UTF-8 text, found the byte 0xe9 at byte offset 11,");
  }

  @Test
  void malformedTokenNamesFileLineAndToken() {
    assertThatThrownBy(() -> BrownCorpusReader.parse("\n\ta/at b/nn\n\n\tc/in dog/ e/at\n", "cb07"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            "cb07: line 4, token 2: expected word/tag with a non-empty word and tag,"
                + " found 'dog/'");
    assertThatThrownBy(() -> BrownCorpusReader.parse("word", "f"))
        .hasMessage(
            "f: line 1, token 1: expected word/tag with a non-empty word and tag,"
                + " found 'word'");
  }

  @Test
  void listsCorpusFilesAndSplitsByLastDigit() throws IOException {
    for (String f : List.of("cb02", "ca01", "cr09", "ca18", "README", "cats.txt", "cz01")) {
      Files.writeString(dir.resolve(f), "a/at\n");
    }
    assertThat(BrownCorpusReader.files(dir)).containsExactly("ca01", "ca18", "cb02", "cr09");
    assertThat(BrownCorpusReader.splitOf("ca01")).isEqualTo(CorpusPart.TRAIN);
    assertThat(BrownCorpusReader.splitOf("ca10")).isEqualTo(CorpusPart.TRAIN);
    assertThat(BrownCorpusReader.splitOf("cj57")).isEqualTo(CorpusPart.TRAIN);
    assertThat(BrownCorpusReader.splitOf("ca18")).isEqualTo(CorpusPart.DEV);
    assertThat(BrownCorpusReader.splitOf("cr09")).isEqualTo(CorpusPart.TEST);
    assertThat(BrownCorpusReader.read(dir.resolve("ca01"))).hasSize(1);
  }
}
