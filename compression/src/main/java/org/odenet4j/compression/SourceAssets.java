package org.odenet4j.compression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.Manifest;

/** The source's extra assets ({@code assets.extra/} but the manifest), copied unchanged. */
final class SourceAssets {
  private SourceAssets() {}

  /**
   * The source's extra assets (a tagger's vocabulary and tag set, say), to be copied unchanged; the
   * manifest is written anew. Hidden files and directories (a name starting with '.', e.g. a {@code
   * .DS_Store}) are skipped with a warning. A subdirectory, or a file name the exporter does not
   * accept (letters, digits, '.', '_' and '-' only), fails here with one line naming it, before
   * anything is written.
   */
  static Map<String, byte[]> read(Path sourceDir) {
    Path manifest = sourceDir.resolve(Manifest.PATH);
    Path extra = manifest.getParent();
    Map<String, byte[]> assets = new LinkedHashMap<>();
    if (!Files.isDirectory(extra)) {
      return assets;
    }
    try (Stream<Path> s = Files.list(extra)) {
      for (Path p : s.sorted().toList()) {
        if (p.equals(manifest)) {
          continue;
        }
        if (p.getFileName().toString().startsWith(".")) {
          System.getLogger(Compressor.class.getName())
              .log(
                  System.Logger.Level.WARNING,
                  p + ": hidden file in assets.extra not copied to the compressed model");
          continue;
        }
        check(p);
        assets.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(extra + ": cannot read", e);
    }
    return assets;
  }

  /**
   * A tagger's word input, rebuilt from the source's manifest ({@code word_input}, {@code
   * class_names}) and its SavedModel asset, so the compressed version takes words too; null when
   * the source takes ids only.
   */
  static WordVocabulary words(SourceModel source) {
    Manifest manifest = source.manifest();
    Manifest.WordInput input = manifest.wordInput();
    if (input == null) {
      return null;
    }
    Path file = source.directory().resolve("assets").resolve(input.vocabulary());
    try {
      return new WordVocabulary(
          WordVocabulary.wordsOf(Files.readAllBytes(file)),
          input.lowercase(),
          manifest.classNames());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the vocabulary asset", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** A plain file with a name the exporter accepts. */
  private static void check(Path p) {
    String name = p.getFileName().toString();
    if (Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          p + ": assets.extra entry: expected a plain file (copied unchanged), found a directory");
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          p
              + ": assets.extra entry: expected a plain file (copied unchanged), found "
              + (Files.exists(p) ? "another kind of file" : "a broken link"));
    }
    if (!Exporter.isAssetName(name)) {
      throw new IllegalArgumentException(
          p
              + ": assets.extra file name: expected letters, digits, '.', '_' and '-' only (the exporter's rule), found '"
              + name
              + "'");
    }
  }
}
