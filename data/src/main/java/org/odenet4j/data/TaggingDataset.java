package org.odenet4j.data;

import java.util.List;
import java.util.Objects;

/**
 * Encoded sentences for a tagger: token ids and tag ids, each {@code [size(), maxLength]}
 * row-major, padded with {@link Vocabulary#PAD} (tokens) and 0 (tags) and truncated at {@code
 * maxLength}, with a mask that is 1 on real tokens and 0 on padding.
 *
 * <p>As for any record holding arrays, {@code equals} compares arrays by identity and the arrays
 * are shared, not copied.
 *
 * @param tokens token ids, {@code size() * maxLength}
 * @param tags tag ids, {@code size() * maxLength} (0 where masked)
 * @param mask 1 for real tokens, 0 for padding, {@code size() * maxLength}
 * @param lengths original sentence lengths before truncation
 * @param maxLength padded length
 * @param vocabulary the vocabulary used for {@code tokens}
 * @param tagSet the tag set used for {@code tags}
 * @param source human-readable description of where the sentences came from
 */
public record TaggingDataset(
    int[] tokens,
    int[] tags,
    float[] mask,
    int[] lengths,
    int maxLength,
    Vocabulary vocabulary,
    TagSet tagSet,
    String source) {

  public TaggingDataset {
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(tagSet, "tagSet");
    Objects.requireNonNull(source, "source");
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength: expected >= 1, found " + maxLength);
    }
    long n = (long) lengths.length * maxLength;
    if (tokens.length != n || tags.length != n || mask.length != n) {
      throw new IllegalArgumentException(
          "tokens/tags/mask: expected "
              + n
              + " values each, found "
              + tokens.length
              + "/"
              + tags.length
              + "/"
              + mask.length);
    }
  }

  /**
   * Encodes sentences with a vocabulary and tag set, padding or truncating to {@code maxLength}.
   *
   * @throws IllegalArgumentException naming the sentence when a tag is not in {@code tagSet}
   */
  public static TaggingDataset encode(
      List<TaggedSentence> sentences,
      Vocabulary vocabulary,
      TagSet tagSet,
      int maxLength,
      String source) {
    int n = sentences.size();
    int[] tokens = new int[n * maxLength];
    int[] tags = new int[n * maxLength];
    float[] mask = new float[n * maxLength];
    int[] lengths = new int[n];
    for (int s = 0; s < n; s++) {
      TaggedSentence sentence = sentences.get(s);
      lengths[s] = sentence.length();
      int len = Math.min(maxLength, sentence.length());
      for (int i = 0; i < len; i++) {
        String tag = sentence.tags().get(i);
        if (!tagSet.contains(tag)) {
          throw new IllegalArgumentException(
              source
                  + ": sentence "
                  + s
                  + ", token "
                  + i
                  + " ('"
                  + sentence.words().get(i)
                  + "'): expected a tag in "
                  + tagSet.tags()
                  + ", found '"
                  + tag
                  + "'");
        }
        tokens[s * maxLength + i] = vocabulary.id(sentence.words().get(i));
        tags[s * maxLength + i] = tagSet.id(tag);
        mask[s * maxLength + i] = 1f;
      }
    }
    return new TaggingDataset(tokens, tags, mask, lengths, maxLength, vocabulary, tagSet, source);
  }

  /** Number of sentences. */
  public int size() {
    return lengths.length;
  }

  /** Token ids of sentences {@code indices}, {@code [indices.length, maxLength]}. */
  public int[] batchTokens(int[] indices) {
    return gather(tokens, indices);
  }

  /** Tag ids of sentences {@code indices}, {@code [indices.length, maxLength]}. */
  public int[] batchTags(int[] indices) {
    return gather(tags, indices);
  }

  /** Mask of sentences {@code indices}, {@code [indices.length, maxLength]}. */
  public float[] batchMask(int[] indices) {
    float[] out = new float[indices.length * maxLength];
    for (int b = 0; b < indices.length; b++) {
      System.arraycopy(mask, indices[b] * maxLength, out, b * maxLength, maxLength);
    }
    return out;
  }

  /** Batch shape {@code [n, maxLength]}. */
  public long[] shape(int n) {
    return new long[] {n, maxLength};
  }

  /** Number of real (unmasked) tokens. */
  public long tokenCount() {
    long c = 0;
    for (int len : lengths) {
      c += Math.min(len, maxLength);
    }
    return c;
  }

  /** Number of sentences longer than {@code maxLength}. */
  public int truncatedSentences() {
    int c = 0;
    for (int len : lengths) {
      if (len > maxLength) {
        c++;
      }
    }
    return c;
  }

  /** Fraction of real tokens that are {@link Vocabulary#UNK}. */
  public double unknownRate() {
    long unk = 0;
    long all = 0;
    for (int k = 0; k < tokens.length; k++) {
      if (mask[k] != 0f) {
        all++;
        if (tokens[k] == Vocabulary.UNK) {
          unk++;
        }
      }
    }
    return all == 0 ? 0 : (double) unk / all;
  }

  /**
   * The sentences {@code indices} (copied, in that order) as a new data set with {@code source}.
   */
  public TaggingDataset subset(int[] indices, String source) {
    int[] len = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      len[b] = lengths[indices[b]];
    }
    return new TaggingDataset(
        batchTokens(indices),
        batchTags(indices),
        batchMask(indices),
        len,
        maxLength,
        vocabulary,
        tagSet,
        source);
  }

  private int[] gather(int[] values, int[] indices) {
    int[] out = new int[indices.length * maxLength];
    for (int b = 0; b < indices.length; b++) {
      System.arraycopy(values, indices[b] * maxLength, out, b * maxLength, maxLength);
    }
    return out;
  }

  @Override
  public String toString() {
    return "TaggingDataset["
        + size()
        + " sentences x "
        + maxLength
        + ", "
        + vocabulary.size()
        + " words, "
        + tagSet.size()
        + " tags, "
        + source
        + "]";
  }
}
