package org.odenet4j.data;

import java.util.List;

/**
 * One sentence of a tagged corpus: words and their tags, position by position.
 *
 * @param words tokens as written in the corpus
 * @param tags one tag per word
 */
public record TaggedSentence(List<String> words, List<String> tags) {

  public TaggedSentence {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException(
          "tags: expected one per word (" + words.size() + "), found " + tags.size());
    }
  }

  /** Number of tokens. */
  public int length() {
    return words.size();
  }
}
