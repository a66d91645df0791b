package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a {@link TaggingSource} into a {@link TaggedCorpus}, with the chosen source always
 * described: explicit files (as given), the full Brown corpus or the embedded Brown subset, both
 * split by file (last digit of the name: 0–7 train, 8 dev, 9 test, {@link
 * BrownCorpusReader#splitOf}), so no sentence of a text leaks across splits. Tags are mapped into
 * the scheme of {@link TaggingOptions#schemeFor}.
 */
public final class TaggedCorpusReader {
  /** Classpath folder of the embedded subset, relative to this package. */
  public static final String EMBEDDED_RESOURCE_DIR = "brown-subset/";

  /** Name of the file listing the embedded subset's corpus files, one per line. */
  public static final String EMBEDDED_INDEX = "FILES";

  private TaggedCorpusReader() {}

  /** The sentences of {@code source}, split, with tags in the scheme {@code options} choose. */
  public static TaggedCorpus read(TaggingSource source, TaggingOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (source instanceof TaggingSource.Brown b) {
      return b.fallbackToEmbedded() ? brownOrEmbedded(b.dir(), options) : brown(b.dir(), options);
    }
    if (source instanceof TaggingSource.TextFiles f) {
      return files(f, options);
    }
    Objects.requireNonNull(source, "source");
    return embedded(options);
  }

  /**
   * The sentences of one file in {@code format}, with tags in {@code scheme} ({@code null}: the
   * format's default, as for training) — for encoding with a trained model's own vocabulary ({@link
   * TaggingDataset#encode}).
   */
  public static List<TaggedSentence> readFile(Path file, CorpusFormat format, TagScheme scheme)
      throws IOException {
    return (scheme != null ? scheme : format.defaultScheme()).apply(format.read(file));
  }

  private static TaggedCorpus files(TaggingSource.TextFiles f, TaggingOptions options)
      throws IOException {
    List<TaggedSentence> tr = f.format().read(f.train());
    List<TaggedSentence> de = f.dev() == null ? List.of() : f.format().read(f.dev());
    List<TaggedSentence> te = f.format().read(f.test());
    String source =
        String.format(
            Locale.ROOT,
            "%s files (train %s%s, test %s): %,d train, %,d dev, %,d test sentences",
            f.format().id(),
            f.train(),
            f.dev() == null ? "" : ", dev " + f.dev(),
            f.test(),
            tr.size(),
            de.size(),
            te.size());
    return TaggedCorpus.of(tr, de, te, options.schemeFor(f.format()), source);
  }

  private static TaggedCorpus brown(Path dir, TaggingOptions options) throws IOException {
    Path corpus = BrownInstall.corpusDir(dir);
    if (!BrownInstall.isInstalled(dir)) {
      throw new DataFormatException(
          corpus.resolve("ca01").toString(),
          "file",
          "the Brown corpus installed under " + dir + " (" + BrownInstall.installCommand(dir) + ")",
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
    String version = BrownInstall.packageVersion(corpus);
    String source =
        String.format(
            Locale.ROOT,
            "Brown corpus (npm %s@%s, %s): %,d files; %,d train, %,d dev, %,d test sentences "
                + "(split by file: names ending 0-7/8/9)",
            BrownInstall.PACKAGE,
            version,
            corpus,
            files.size(),
            parts.get(0).size(),
            parts.get(1).size(),
            parts.get(2).size());
    return TaggedCorpus.of(
        parts.get(0), parts.get(1), parts.get(2), options.schemeFor(CorpusFormat.BROWN), source);
  }

  private static TaggedCorpus brownOrEmbedded(Path dir, TaggingOptions options) throws IOException {
    if (BrownInstall.isInstalled(dir)) {
      return brown(dir, options);
    }
    TaggedCorpus e = embedded(options);
    return e.withSource(
        e.source()
            + " (full Brown corpus not installed at "
            + dir
            + "; "
            + BrownInstall.installCommand(dir)
            + ")");
  }

  private static TaggedCorpus embedded(TaggingOptions options) throws IOException {
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
    return TaggedCorpus.of(
        parts.get(0), parts.get(1), parts.get(2), options.schemeFor(CorpusFormat.BROWN), source);
  }

  private static String readResource(String file) throws IOException {
    try (InputStream in =
        TaggedCorpusReader.class.getResourceAsStream(EMBEDDED_RESOURCE_DIR + file)) {
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
}
