package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odenet4j.text.OneLine;

/**
 * Reader for two-column CoNLL-style tagged text: one token per line as {@code token TAB tag}, a
 * blank line between sentences. Lines starting with {@code #} that contain no tab are comments, and
 * {@code -DOCSTART-} lines (also after leading whitespace) are skipped. Any other line must have
 * exactly two tab-separated, non-empty fields. Lines end in LF, CRLF or a lone CR (as for {@link
 * String#lines()}, which the vocabulary and tag set files are read with), so no token or tag
 * contains a line break.
 */
public final class Conll2Reader {

  private Conll2Reader() {}

  /** Reads a file (UTF-8; anything else is a {@link DataFormatException} naming the line). */
  public static List<TaggedSentence> read(Path file) throws IOException {
    return parse(DataFiles.readUtf8(file), file.toString());
  }

  /** Parses text; {@code name} names the file in error messages. */
  public static List<TaggedSentence> parse(String text, String name) throws DataFormatException {
    List<TaggedSentence> sentences = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln];
      if (line.isBlank()) {
        flush(sentences, words, tags);
        continue;
      }
      // the token is read stripped, so is the marker: " -DOCSTART-" is no token either
      if ((line.startsWith("#") && line.indexOf('\t') < 0)
          || line.strip().startsWith("-DOCSTART-")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 2) {
        throw new DataFormatException(
            name,
            "line " + (ln + 1),
            "2 tab-separated fields (token," + " tag)",
            fields.length
                + " field"
                + (fields.length == 1 ? "" : "s")
                + " in '"
                + OneLine.of(line)
                + "'");
      }
      String word = fields[0].strip();
      String tag = fields[1].strip();
      if (word.isEmpty() || tag.isEmpty()) {
        throw new DataFormatException(
            name, "line " + (ln + 1), "a non-empty token and tag", "'" + OneLine.of(line) + "'");
      }
      words.add(word);
      tags.add(tag);
    }
    flush(sentences, words, tags);
    return sentences;
  }

  /** Formats sentences in this layout (the inverse of {@link #parse}). */
  public static String format(List<TaggedSentence> sentences) {
    StringBuilder sb = new StringBuilder();
    for (TaggedSentence s : sentences) {
      for (int i = 0; i < s.length(); i++) {
        sb.append(s.words().get(i)).append('\t').append(s.tags().get(i)).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void flush(List<TaggedSentence> out, List<String> words, List<String> tags) {
    if (!words.isEmpty()) {
      out.add(new TaggedSentence(words, tags));
      words.clear();
      tags.clear();
    }
  }
}
