package org.odenet4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The layout of a tagged-text file. */
public enum CorpusFormat {
  /**
   * Brown corpus lines of {@code word/tag} tokens ({@link BrownCorpusReader}); universal tags by
   * default.
   */
  BROWN("brown", TagScheme.UNIVERSAL),
  /** Two tab-separated columns, token and tag ({@link Conll2Reader}); raw tags by default. */
  CONLL2("conll2", TagScheme.RAW);

  private final String id;
  private final TagScheme defaultScheme;

  CorpusFormat(String id, TagScheme defaultScheme) {
    this.id = id;
    this.defaultScheme = defaultScheme;
  }

  /** The lower-case name used in source descriptions: {@code brown} or {@code conll2}. */
  public String id() {
    return id;
  }

  /** The tag scheme used when none is chosen. */
  public TagScheme defaultScheme() {
    return defaultScheme;
  }

  /** The sentences of {@code file}, tags as written. */
  public List<TaggedSentence> read(Path file) throws IOException {
    return this == BROWN ? BrownCorpusReader.read(file) : Conll2Reader.read(file);
  }
}
