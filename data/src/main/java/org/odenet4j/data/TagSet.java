package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output labels of a tagger: tag {@code i} has id {@code i}, ids {@code 0 .. size()-1}, with no
 * padding entry (padded positions are excluded by the token mask, see {@link TaggingDataset}).
 * Saved as UTF-8 text next to a model:
 *
 * <pre>
 * # odenet4j tagset
 * # size=12
 * NOUN
 * VERB
 * ...
 * </pre>
 */
public final class TagSet {

  private static final String HEADER = "# odenet4j tagset";

  private final List<String> tags;
  private final Map<String, Integer> ids;

  private TagSet(List<String> tags) {
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("tag set: expected at least one tag, found none");
    }
    this.tags = List.copyOf(tags);
    this.ids = new HashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i).isBlank() || tags.get(i).chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "tag " + i + ": expected no whitespace, found '" + tags.get(i) + "'");
      }
      if (ids.put(tags.get(i), i) != null) {
        throw new IllegalArgumentException(
            "tag set: expected distinct tags, found '" + tags.get(i) + "' twice");
      }
    }
  }

  /** The tags in this order. */
  public static TagSet of(List<String> tags) {
    return new TagSet(tags);
  }

  /** The 12 universal tags in {@link UniversalTags#TAGS} order. */
  public static TagSet universal() {
    return new TagSet(UniversalTags.TAGS);
  }

  /** The distinct tags of {@code sentences}, by descending frequency then lexicographically. */
  public static TagSet build(Collection<TaggedSentence> sentences) {
    Map<String, Integer> counts = new HashMap<>();
    for (TaggedSentence s : sentences) {
      for (String t : s.tags()) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    List<String> tags = new ArrayList<>(counts.keySet());
    tags.sort(Comparator.comparing((String t) -> -counts.get(t)).thenComparing(t -> t));
    return new TagSet(tags);
  }

  /** Number of tags. */
  public int size() {
    return tags.size();
  }

  /** The tags in id order. */
  public List<String> tags() {
    return tags;
  }

  /** The tag with {@code id}. */
  public String tag(int id) {
    return tags.get(id);
  }

  /** Whether {@code tag} is in the set. */
  public boolean contains(String tag) {
    return ids.containsKey(tag);
  }

  /** The id of {@code tag}; an unknown tag is an error. */
  public int id(String tag) {
    Integer id = ids.get(tag);
    if (id == null) {
      throw new IllegalArgumentException("tag: expected one of " + tags + ", found '" + tag + "'");
    }
    return id;
  }

  /** The saved file's bytes (UTF-8), e.g. for a SavedModel's {@code assets.extra}. */
  public byte[] toBytes() {
    return ListFile.text(HEADER, "", tags).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the tag set as text ({@link #toBytes}). */
  public void save(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  /** Reads a tag set written by {@link #save}. */
  public static TagSet load(Path file) throws IOException {
    ListFile list = ListFile.read(file, HEADER, "tags");
    try {
      return new TagSet(list.items());
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(list.file() + ": " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagSet t && t.tags.equals(tags);
  }

  @Override
  public int hashCode() {
    return tags.hashCode();
  }

  @Override
  public String toString() {
    return "TagSet" + tags;
  }
}
