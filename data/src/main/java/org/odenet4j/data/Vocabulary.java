package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word vocabulary mapping tokens to ids: {@link #PAD} = 0 (padding, the id {@code OdeTagger}
 * masks out), {@link #UNK} = 1 (any word not in the vocabulary), then the words seen at least
 * {@code minCount} times, ordered by descending frequency and, for equal counts, lexicographically
 * ({@link String#compareTo}), so the same corpus always gives the same ids. Optionally lower-cases
 * words, both when building and when looking up.
 *
 * <p>Saved as UTF-8 text, so it can be stored next to a model:
 *
 * <pre>
 * # odenet4j vocabulary
 * # lowercase=true min-count=2 size=5
 * &lt;pad&gt;
 * &lt;unk&gt;
 * the
 * of
 * and
 * </pre>
 *
 * <p>Line {@code i + 3} holds the word with id {@code i}. Words never contain line breaks (the
 * readers split on whitespace).
 */
public final class Vocabulary {

  /** Id of the padding token. */
  public static final int PAD = 0;

  /** Id of unknown words. */
  public static final int UNK = 1;

  /** Text of the padding entry. */
  public static final String PAD_TOKEN = "<pad>";

  /** Text of the unknown-word entry. */
  public static final String UNK_TOKEN = "<unk>";

  private static final String HEADER = "# odenet4j vocabulary";

  private final List<String> words;
  private final Map<String, Integer> ids;
  private final boolean lowerCase;
  private final int minCount;

  private Vocabulary(List<String> words, boolean lowerCase, int minCount) {
    this.words = List.copyOf(words);
    this.lowerCase = lowerCase;
    this.minCount = minCount;
    this.ids = new HashMap<>(words.size() * 2);
    for (int i = 0; i < words.size(); i++) {
      if (ids.put(words.get(i), i) != null) {
        throw new IllegalArgumentException(
            "vocabulary: expected distinct words, found '" + words.get(i) + "' twice");
      }
    }
  }

  /**
   * Builds a vocabulary from the words of {@code sentences}, keeping words seen at least {@code
   * minCount} times.
   */
  public static Vocabulary build(
      Collection<TaggedSentence> sentences, int minCount, boolean lowerCase) {
    List<String> tokens = new ArrayList<>();
    for (TaggedSentence s : sentences) {
      tokens.addAll(s.words());
    }
    return buildFromTokens(tokens, minCount, lowerCase);
  }

  /** Builds a vocabulary from a flat list of tokens. */
  public static Vocabulary buildFromTokens(
      Collection<String> tokens, int minCount, boolean lowerCase) {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount: expected >= 1, found " + minCount);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : tokens) {
      String w = lowerCase ? t.toLowerCase(Locale.ROOT) : t;
      if (!w.equals(PAD_TOKEN) && !w.equals(UNK_TOKEN)) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    List<String> kept =
        counts.entrySet().stream()
            .filter(e -> e.getValue() >= minCount)
            .sorted(
                Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                    .thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey)
            .toList();
    List<String> all = new ArrayList<>(kept.size() + 2);
    all.add(PAD_TOKEN);
    all.add(UNK_TOKEN);
    all.addAll(kept);
    return new Vocabulary(all, lowerCase, minCount);
  }

  /** Number of ids, including PAD and UNK. */
  public int size() {
    return words.size();
  }

  /** Whether words are lower-cased. */
  public boolean lowerCase() {
    return lowerCase;
  }

  /** The frequency cut-off this vocabulary was built with. */
  public int minCount() {
    return minCount;
  }

  /** The id of {@code word} (lower-cased first if this vocabulary lower-cases), or {@link #UNK}. */
  public int id(String word) {
    String w = lowerCase ? word.toLowerCase(Locale.ROOT) : word;
    if (w.equals(PAD_TOKEN)) {
      return UNK;
    }
    Integer id = ids.get(w);
    return id == null ? UNK : id;
  }

  /** Whether {@code word} has its own id. */
  public boolean contains(String word) {
    return id(word) != UNK;
  }

  /** The word with {@code id}. */
  public String word(int id) {
    return words.get(id);
  }

  /** All entries in id order, starting with {@code <pad>} and {@code <unk>}. */
  public List<String> words() {
    return words;
  }

  /** Ids of {@code tokens}. */
  public int[] encode(List<String> tokens) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(tokens.get(i));
    }
    return out;
  }

  /** The saved file's bytes (UTF-8), e.g. for a SavedModel's {@code assets.extra}. */
  public byte[] toBytes() {
    return ListFile.text(HEADER, "lowercase=" + lowerCase + " min-count=" + minCount, words)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the vocabulary as text (see the class documentation; {@link #toBytes}). */
  public void save(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  /** Reads a vocabulary written by {@link #save}. */
  public static Vocabulary load(Path file) throws IOException {
    ListFile list = ListFile.read(file, HEADER, "words");
    String name = list.file();
    boolean lower = list.bool("lowercase");
    int minCount = list.integer("min-count", 1);
    List<String> words = list.items();
    int size = words.size();
    if (size < 2 || !words.get(PAD).equals(PAD_TOKEN) || !words.get(UNK).equals(UNK_TOKEN)) {
      throw new DataFormatException(
          name, "lines 3-4", PAD_TOKEN + " and " + UNK_TOKEN, words.subList(0, Math.min(2, size)));
    }
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).isEmpty()) {
        throw new DataFormatException(name, "line " + (i + 3), "a word", "an empty line");
      }
    }
    try {
      return new Vocabulary(words, lower, minCount);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(name + ": " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v
        && v.words.equals(words)
        && v.lowerCase == lowerCase
        && v.minCount == minCount;
  }

  @Override
  public int hashCode() {
    return words.hashCode() * 31 + (lowerCase ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Vocabulary["
        + size()
        + " ids, min-count "
        + minCount
        + (lowerCase ? ", lower-cased" : "")
        + "]";
  }
}
