package org.odenet4j.data;

import java.util.List;
import java.util.Objects;

/**
 * The sentences of a source, split, with tags already in the scheme in use, before any vocabulary:
 * {@link #encode} builds the vocabulary on {@code train} and encodes the splits (what training
 * uses), while a trained model's evaluation encodes {@code test} with the model's own vocabulary
 * ({@link TaggingDataset#encode}). {@link TaggedCorpusReader#read} makes one.
 *
 * @param train training sentences
 * @param dev development sentences (may be empty)
 * @param test test sentences
 * @param scheme the tag scheme the tags are in
 * @param source description of the source that was used
 */
public record TaggedCorpus(
    List<TaggedSentence> train,
    List<TaggedSentence> dev,
    List<TaggedSentence> test,
    TagScheme scheme,
    String source) {

  public TaggedCorpus {
    train = List.copyOf(train);
    dev = List.copyOf(dev);
    test = List.copyOf(test);
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(source, "source");
  }

  /** Sentences as read, with tags mapped into {@code scheme} ({@link TagScheme#apply}). */
  static TaggedCorpus of(
      List<TaggedSentence> train,
      List<TaggedSentence> dev,
      List<TaggedSentence> test,
      TagScheme scheme,
      String source) {
    return new TaggedCorpus(
        scheme.apply(train), scheme.apply(dev), scheme.apply(test), scheme, source);
  }

  /** The same sentences with another source description. */
  TaggedCorpus withSource(String newSource) {
    return new TaggedCorpus(train, dev, test, scheme, newSource);
  }

  /** Builds the vocabulary (train only) and tag set, then encodes the three splits. */
  public TaggingData encode(TaggingOptions options) {
    return TaggingEncoder.encode(this, options);
  }
}
