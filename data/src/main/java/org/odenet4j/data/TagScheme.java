package org.odenet4j.data;

import java.util.ArrayList;
import java.util.List;

/** Which tags to train on, and the mapping of read sentences into them. */
public enum TagScheme {
  /** The 12 universal tags of {@link UniversalTags}. */
  UNIVERSAL,
  /** The tags as written in the corpus. */
  RAW;

  /**
   * The sentences with their tags in this scheme: mapped to the universal tags ({@link
   * UniversalTags#map}) for {@link #UNIVERSAL}, unchanged for {@link #RAW}.
   */
  public List<TaggedSentence> apply(List<TaggedSentence> sentences) {
    if (this == RAW) {
      return sentences;
    }
    List<TaggedSentence> out = new ArrayList<>(sentences.size());
    for (TaggedSentence s : sentences) {
      out.add(new TaggedSentence(s.words(), s.tags().stream().map(UniversalTags::map).toList()));
    }
    return out;
  }
}
