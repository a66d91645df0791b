package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageData;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Manifest;

/**
 * The README's Java example runs as printed (the README quotes {@link ReadmeExample} between its
 * markers, checked here), learns (test accuracy far above the 10 % of chance) and exports a version
 * whose manifest shows the refined ODE block (K = N = 4 after one split).
 */
class ReadmeExampleTest {

  @Test
  void readmeExampleTrainsAndExports(@TempDir Path dir) throws Exception {
    ExportResult r = ReadmeExample.trainAndExport(dir.resolve("mine"));
    assertThat(r.directory()).isEqualTo(dir.resolve("mine/1"));
    Manifest m = Manifest.read(r.directory());
    assertThat(m.odeBlocks())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.basis()).isEqualTo("piecewise_constant:4");
              assertThat(b.steps()).isEqualTo(4);
            });
    try (ModelEvaluator e = ModelEvaluator.load(r.directory())) {
      assertThat(e.evaluate(new EvaluationData.Images(ImageData.embedded().test()), 500).accuracy())
          .isGreaterThan(0.6);
    }
  }

  @Test
  void readmeQuotesTheExampleVerbatim() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    String source =
        Files.readString(
            root.resolve("integration-tests/src/main/java/org/odenet4j/it/ReadmeExample.java"));
    String example =
        source.substring(
            source.indexOf("// README-BEGIN\n") + 16, source.indexOf("  // README-END"));
    String readme = Files.readString(root.resolve("README.md"));
    assertThat(readme).contains(example.stripTrailing().stripIndent().strip());
  }
}
