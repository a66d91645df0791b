package org.odenet4j.models;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a tagger needs to take words instead of ids: its vocabulary in id order (id 0 = {@value
 * #PAD_TOKEN}, id 1 = {@value #UNK_TOKEN}), whether words are lower-cased before the lookup, and
 * the tag names in class order. {@link WordsInput} turns it into graph ops; the vocabulary travels
 * as a SavedModel asset ({@link #assetBytes}: one word per line, line {@code i} = id {@code i}).
 *
 * @param words every vocabulary entry in id order
 * @param lowerCase whether words are lower-cased (UTF-8 aware) before the lookup
 * @param tags tag names in class order
 */
public record WordVocabulary(List<String> words, boolean lowerCase, List<String> tags) {
  /** Text of the padding entry, id 0. */
  public static final String PAD_TOKEN = "<pad>";

  /** Text of the unknown-word entry, id 1. */
  public static final String UNK_TOKEN = "<unk>";

  public WordVocabulary {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.size() < 2 || !words.get(0).equals(PAD_TOKEN) || !words.get(1).equals(UNK_TOKEN)) {
      throw new IllegalArgumentException(
          "vocabulary: expected "
              + PAD_TOKEN
              + " and "
              + UNK_TOKEN
              + " as ids 0 and 1, found "
              + words.subList(0, Math.min(2, words.size())));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.isEmpty() || w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0 || !seen.add(w)) {
        throw new IllegalArgumentException(
            "vocabulary word "
                + i
                + ": expected a unique non-empty word without line breaks, found '"
                + w
                + "'");
      }
    }
    if (tags.isEmpty() || tags.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "tags: expected at least one non-empty tag name, found " + tags);
    }
  }

  /** The asset file: one word per line, in id order, UTF-8. */
  public byte[] assetBytes() {
    return (String.join("\n", words) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Reads {@link #assetBytes} back. */
  public static List<String> wordsOf(byte[] asset) {
    String text = new String(asset, StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    return List.of(text.split("\n", -1));
  }
}
