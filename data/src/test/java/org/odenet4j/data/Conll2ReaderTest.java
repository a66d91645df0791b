package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Conll2ReaderTest {

  @Test
  void tokensTabTagsBlankLinesBetweenSentences() throws Exception {
    String text = "-DOCSTART-\tO\n\n# sent 1\nThe\tDET\ndog\tNOUN\n\n\n#\tSYM\n1/2\tNUM\n";
    List<TaggedSentence> s = Conll2Reader.parse(text, "t.conll");
    assertThat(s).hasSize(2);
    assertThat(s.get(0).words()).containsExactly("The", "dog");
    assertThat(s.get(0).tags()).containsExactly("DET", "NOUN");
    assertThat(s.get(1).words()).containsExactly("#", "1/2");
    assertThat(s.get(1).tags()).containsExactly("SYM", "NUM");
  }

  @Test
  void formatIsTheInverseOfParse() throws Exception {
    List<TaggedSentence> s =
        List.of(
            new TaggedSentence(List.of("a", "b"), List.of("X", "Y")),
            new TaggedSentence(List.of("c"), List.of("Z")));
    assertThat(Conll2Reader.parse(Conll2Reader.format(s), "x")).isEqualTo(s);
  }

  @Test
  void wrongFieldCountNamesFileAndLine() {
    assertThatThrownBy(() -> Conll2Reader.parse("a\tDET\nb NOUN\n", "bad.conll"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            "bad.conll: line 2: expected 2 tab-separated fields (token, tag), found 1"
                + " field in 'b NOUN'");
    assertThatThrownBy(() -> Conll2Reader.parse("a\tDET\tx\n", "bad.conll"))
        .hasMessage(
            "bad.conll: line 1: expected 2 tab-separated fields (token, tag), found 3"
                + " fields in 'a\tDET\tx'");
    assertThatThrownBy(() -> Conll2Reader.parse("a\t\n", "bad.conll"))
        .hasMessage("bad.conll: line 1: expected a non-empty token and tag, found 'a\t'");
  }

  /**
   * A lone CR ends a line, as in the vocabulary and tag set files: a token with a CR inside
   * ("Bl\rackburn") went into the vocabulary, which then did not read back ("number of words:
   * expected 9, found 10") when the trained model was evaluated. Found by ParserFuzzTest.
   */
  @Test
  void loneCarriageReturnEndsALine(@TempDir Path vocabDir) throws IOException {
    assertThat(Conll2Reader.parse("a\tX\rb\tY\r\rc\tZ\r", "mac.conll"))
        .containsExactly(
            new TaggedSentence(List.of("a", "b"), List.of("X", "Y")),
            new TaggedSentence(List.of("c"), List.of("Z")));
    assertThatThrownBy(() -> Conll2Reader.parse("Peter\tNNP\nBl\rackburn\tNNP\n", "cr.conll"))
        .hasMessage(
            "cr.conll: line 2: expected 2 tab-separated fields (token, tag), found 1 field in 'Bl'");
    List<TaggedSentence> s = Conll2Reader.parse("Peter\tNNP\nBl\tNNP\rackburn\tNNP\n", "cr.conll");
    Vocabulary v = Vocabulary.build(s, 1, false);
    v.save(vocabDir.resolve("vocab.txt"));
    assertThat(Vocabulary.load(vocabDir.resolve("vocab.txt"))).isEqualTo(v);
  }

  /**
   * Other line separators stay in the line; quoted in a message they are escaped, the message is
   * one line.
   */
  @Test
  void quotedLineStaysOneLine() {
    assertThatThrownBy(() -> Conll2Reader.parse("a\u2028b\n", "ls.conll"))
        .hasMessage(
            "ls.conll: line 1: expected 2 tab-separated fields (token, tag), found 1 field in 'a\\u2028b'");
    assertThatThrownBy(() -> Conll2Reader.parse("a\u0085\t \n", "nel.conll"))
        .hasMessage("nel.conll: line 1: expected a non-empty token and tag, found 'a\\u0085\t '");
  }

  /**
   * A -DOCSTART- marker after leading whitespace is skipped too: it was read as the token
   * "-DOCSTART-" (tokens are stripped), which {@link Conll2Reader#format} then wrote as a marker
   * line that parse skips. Found by ParserFuzzTest.
   */
  @Test
  void indentedDocstartIsNoToken() throws DataFormatException {
    List<TaggedSentence> s =
        Conll2Reader.parse("  -DOCSTART-\tO\n\n\u001c-DOCSTART-\tO\nThe\tDET\n", "d.conll");
    assertThat(s).containsExactly(new TaggedSentence(List.of("The"), List.of("DET")));
    assertThat(Conll2Reader.parse(Conll2Reader.format(s), "again")).isEqualTo(s);
  }

  /**
   * A Latin-1 file: the first byte that is not UTF-8 is named with its line, not "Input length =
   * 1".
   */
  @Test
  void latin1FileNamesTheLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.conll");
    Files.write(f, "The\tDET\n\nna\u00efve\tADJ\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Conll2Reader.read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(
            f + ": line 3: expected UTF-8 text, found the byte 0xef at byte offset 11,");
    assertThatThrownBy(() -> Conll2Reader.read(dir.resolve("nope.conll")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            dir.resolve("nope.conll") + ": file: expected an existing file, found no such file");
  }
}
