package org.odenet4j.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where tagged sentences come from, as a value: the embedded Brown subset, the full Brown corpus
 * installed under a folder ({@link BrownInstall}), or explicit train/dev/test files in one {@link
 * CorpusFormat}. {@link TaggedCorpusReader#read} reads it; {@link TaggingData#load} reads and
 * encodes it.
 */
public sealed interface TaggingSource {

  /** The Brown subset shipped as classpath resources ({@code org/odenet4j/data/brown-subset/}). */
  record Embedded() implements TaggingSource {}

  /**
   * The full Brown corpus installed under {@code dir}.
   *
   * @param dir the install folder ({@link BrownInstall#corpusDir})
   * @param fallbackToEmbedded when the corpus is not installed there: true reads the embedded
   *     subset instead (and the source says so), false fails
   */
  record Brown(Path dir, boolean fallbackToEmbedded) implements TaggingSource {
    public Brown {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /**
   * Explicit files; without {@code dev} the dev split is empty (carve one with {@link
   * Split#validation}).
   *
   * @param train training sentences
   * @param dev development sentences, or {@code null} for none
   * @param test test sentences
   * @param format the layout of all three files
   */
  record TextFiles(Path train, Path dev, Path test, CorpusFormat format) implements TaggingSource {
    public TextFiles {
      if (train == null || test == null || format == null) {
        throw new IllegalArgumentException(
            "explicit tagging files: expected a train file, a test file and a format,"
                + " found "
                + (train == null ? "no train file" : "train " + train)
                + ", "
                + (test == null ? "no test file" : "test " + test)
                + ", "
                + (format == null ? "no format" : "format " + format.id()));
      }
    }
  }

  /** The embedded Brown subset. */
  static TaggingSource embedded() {
    return new Embedded();
  }

  /**
   * The Brown corpus in the default folder ({@link BrownInstall#defaultDir}), falling back to the
   * embedded subset when it is not installed there.
   */
  static TaggingSource brown() {
    return new Brown(BrownInstall.defaultDir(), true);
  }

  /**
   * The Brown corpus under {@code dir}, falling back to the embedded subset when it is not there.
   */
  static TaggingSource brownOrEmbedded(Path dir) {
    return new Brown(dir, true);
  }

  /** The Brown corpus under {@code dir}, which must hold it (no fallback). */
  static TaggingSource brownIn(Path dir) {
    return new Brown(dir, false);
  }

  /** Explicit train and test files, no dev split. */
  static TaggingSource files(Path train, Path test, CorpusFormat format) {
    return new TextFiles(train, null, test, format);
  }

  /** Explicit train, dev ({@code null}: none) and test files. */
  static TaggingSource files(Path train, Path dev, Path test, CorpusFormat format) {
    return new TextFiles(train, dev, test, format);
  }

  /**
   * A named source: {@code brown} ({@link #brown()}) or {@code embedded} (aliases {@code
   * brown-subset}, {@code subset}), case-insensitive.
   */
  static TaggingSource named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "brown" -> brown();
      case "embedded", "brown-subset", "subset" -> embedded();
      default ->
          throw new IllegalArgumentException(
              "tagging data set: expected brown or embedded"
                  + " (or --train-text/--test-text/--format), found "
                  + name);
    };
  }
}
