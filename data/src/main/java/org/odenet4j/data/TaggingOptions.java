package org.odenet4j.data;

/**
 * How tagged sentences are encoded: {@link #defaults()} are max length 64, min count 2,
 * lower-cased, tag scheme by format; {@link #builder()} changes some of them.
 *
 * @param maxLength padded sentence length (longer sentences are truncated)
 * @param minCount vocabulary frequency cut-off
 * @param lowerCase lower-case words
 * @param tagScheme tags to use; {@code null} means by format (universal for Brown, raw for CoNLL,
 *     {@link CorpusFormat#defaultScheme})
 */
public record TaggingOptions(int maxLength, int minCount, boolean lowerCase, TagScheme tagScheme) {

  public TaggingOptions {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength: expected >= 1, found " + maxLength);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount: expected >= 1, found " + minCount);
    }
  }

  /** Max length 64, min count 2, lower-cased, scheme by format. */
  public static TaggingOptions defaults() {
    return new TaggingOptions(64, 2, true, null);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The tag scheme for sentences read in {@code format}: the chosen one, else the format's default.
   */
  public TagScheme schemeFor(CorpusFormat format) {
    return tagScheme != null ? tagScheme : format.defaultScheme();
  }

  /** Builder of {@link TaggingOptions}; values are checked by {@link #build()}. */
  public static final class Builder {
    private int maxLength = 64;
    private int minCount = 2;
    private boolean lowerCase = true;
    private TagScheme tagScheme;

    private Builder() {}

    /** Padded sentence length (default 64). */
    public Builder maxLength(int maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    /** Vocabulary frequency cut-off (default 2). */
    public Builder minCount(int minCount) {
      this.minCount = minCount;
      return this;
    }

    /** Lower-case words (default true). */
    public Builder lowerCase(boolean lowerCase) {
      this.lowerCase = lowerCase;
      return this;
    }

    /** Tags to use; {@code null} (the default) means by format. */
    public Builder tagScheme(TagScheme tagScheme) {
      this.tagScheme = tagScheme;
      return this;
    }

    public TaggingOptions build() {
      return new TaggingOptions(maxLength, minCount, lowerCase, tagScheme);
    }
  }
}
