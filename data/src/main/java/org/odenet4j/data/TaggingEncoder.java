package org.odenet4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link TaggedCorpus} into {@link TaggingData}: builds the vocabulary on the training
 * sentences only, the tag set (the universal tags, or every tag of all splits for raw tags), and
 * encodes the three splits to padded ids.
 */
final class TaggingEncoder {
  private TaggingEncoder() {}

  static TaggingData encode(TaggedCorpus corpus, TaggingOptions options) {
    List<TaggedSentence> train = corpus.train();
    List<TaggedSentence> test = corpus.test();
    String source = corpus.source();
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + ": expected non-empty train and test splits, "
              + "found "
              + train.size()
              + " train and "
              + test.size()
              + " test sentences");
    }
    Vocabulary vocabulary = Vocabulary.build(train, options.minCount(), options.lowerCase());
    TagSet tags;
    if (corpus.scheme() == TagScheme.UNIVERSAL) {
      tags = TagSet.universal();
    } else {
      List<TaggedSentence> all = new ArrayList<>(train);
      all.addAll(corpus.dev());
      all.addAll(test);
      tags = TagSet.build(all);
    }
    int max = options.maxLength();
    return new TaggingData(
        TaggingDataset.encode(train, vocabulary, tags, max, source + " [train]"),
        TaggingDataset.encode(corpus.dev(), vocabulary, tags, max, source + " [dev]"),
        TaggingDataset.encode(test, vocabulary, tags, max, source + " [test]"),
        vocabulary,
        tags,
        source);
  }
}
