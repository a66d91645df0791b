package org.odenet4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageData;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.savedmodel.Manifest;

/**
 * Both examples run from the installed artifacts, one after the other, as a user would: the
 * README's example trains and exports {@code models/1}; compressing it writes {@code models/2} at K
 * = N = 2, whose manifest traces it back to version 1 and which still classifies far above chance
 * (10 %) on the embedded test images.
 */
class ExamplesTest {

  @Test
  void trainExportThenCompress(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("models");
    Path trained = ReadmeExample.trainAndExport(base).directory();
    assertEquals(base.resolve("1"), trained);
    Manifest.BlockEntry block = Manifest.read(trained).odeBlocks().get(0);
    assertEquals("piecewise_constant:4", block.basis());
    assertEquals(4, block.steps());

    Path compressed = CompressSavedModel.compress(trained, base);
    assertEquals(base.resolve("2"), compressed);
    Manifest m = Manifest.read(compressed);
    assertEquals("piecewise_constant:2", m.odeBlocks().get(0).basis());
    assertEquals(2, m.odeBlocks().get(0).steps());
    assertEquals(
        Manifest.read(trained).provenance(), m.provenance().compression().sourceProvenance());

    var test = new EvaluationData.Images(ImageData.embedded().test());
    try (ModelEvaluator source = ModelEvaluator.load(trained);
        ModelEvaluator small = ModelEvaluator.load(compressed)) {
      double before = source.evaluate(test, 500).accuracy();
      double after = small.evaluate(test, 500).accuracy();
      System.out.printf("test accuracy: trained %.3f, compressed %.3f%n", before, after);
      assertTrue(before > 0.5, "trained accuracy " + before);
      assertTrue(after > before - 0.05, "compressed " + after + " against trained " + before);
    }
  }
}
