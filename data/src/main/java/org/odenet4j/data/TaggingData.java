package org.odenet4j.data;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Train, dev and test tagging data, encoded with a vocabulary built on the training sentences only,
 * with the chosen source always reported in {@link #source()}.
 *
 * <p>{@link #load} reads a {@link TaggingSource} ({@link TaggedCorpusReader}: explicit files, the
 * full Brown corpus of {@link BrownInstall}, or the embedded Brown subset) and encodes it with
 * {@link TaggingOptions} ({@link TaggedCorpus#encode}). Brown tags are mapped to the 12 universal
 * tags ({@link UniversalTags}) unless the tag scheme is {@link TagScheme#RAW}; CoNLL tags are kept
 * as they are unless it is {@link TagScheme#UNIVERSAL}.
 *
 * @param train training split
 * @param dev development split (may be empty)
 * @param test test split
 * @param vocabulary vocabulary built on {@code train}
 * @param tagSet tag set of all splits
 * @param source description of the source that was used
 */
public record TaggingData(
    TaggingDataset train,
    TaggingDataset dev,
    TaggingDataset test,
    Vocabulary vocabulary,
    TagSet tagSet,
    String source) {

  public TaggingData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(tagSet, "tagSet");
    Objects.requireNonNull(source, "source");
  }

  /** Reads {@code source} and encodes it with {@code options}. */
  public static TaggingData load(TaggingSource source, TaggingOptions options) throws IOException {
    return TaggedCorpusReader.read(source, options).encode(options);
  }

  /** The embedded Brown subset (classpath resources), split by file like the full corpus. */
  public static TaggingData embedded(TaggingOptions options) throws IOException {
    return load(TaggingSource.embedded(), options);
  }

  /** Whether there is a dev split. */
  public boolean hasDev() {
    return dev.size() > 0;
  }

  /** The source plus vocabulary and tag set sizes, for logs. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s; %d tags; vocabulary %,d (min count %d%s); max length %d"
            + " (%d train sentences truncated)",
        source,
        tagSet.size(),
        vocabulary.size(),
        vocabulary.minCount(),
        vocabulary.lowerCase() ? ", lower-cased" : "",
        train.maxLength(),
        train.truncatedSentences());
  }
}
