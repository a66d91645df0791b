package org.odenet4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageData;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.ode.Discretisation;
import org.odenet4j.ode.OdeBlocks;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.VariableValues;
import org.odenet4j.train.Feed;
import org.odenet4j.train.Model;
import org.odenet4j.train.SplitRefinement;
import org.odenet4j.train.TrainingData;
import org.odenet4j.train.TrainingGraph;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The README's Java example runs as printed (the README quotes {@link ReadmeExample}, in {@code
 * examples/}, between its markers, checked here; this module compiles {@code examples/}'s sources
 * against the reactor, and {@code examples/pom.xml} builds them again from the installed
 * artifacts), learns (test accuracy far above the 10 % of chance) and exports a version whose
 * manifest shows the refined ODE block (K = N = 4 after one split) and the training provenance, and
 * whose reloaded logits are those of the network's own inference head at K = N = 4 with the
 * exported values.
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
              assertThat(b.basis()).hasToString("piecewise_constant:4");
              assertThat(b.steps()).isEqualTo(4);
            });
    try (ModelEvaluator e = ModelEvaluator.load(r.directory())) {
      assertThat(e.evaluate(new EvaluationData.Images(ImageData.embedded().test()), 500).accuracy())
          .isGreaterThan(0.6);
    }
    assertThat(m.provenance().training().refineAt()).containsExactly(3);
    assertThat(m.variables()).noneMatch(v -> v.name().contains("variance_clamps"));
    // the reloaded version computes what the network's inference head computes at K = N = 4
    int[] idx = IntStream.range(0, 50).toArray();
    try (Feed feed = TrainingData.images(ImageData.embedded().test()).batch(idx, null);
        SavedModelBundle b = SavedModelBundle.load(r.directory().toString(), "serve");
        Result out = b.function("serving_default").call(Map.of("images", feed.input()))) {
      float[] reloaded = floats((TFloat32) out.get("logits").orElseThrow());
      float[] inProcess = inferenceHead(r, feed);
      assertThat(reloaded).hasSize(50 * 10);
      for (int i = 0; i < reloaded.length; i++) {
        assertThat(reloaded[i]).isCloseTo(inProcess[i], within(1e-4f));
      }
    }
  }

  /**
   * The inference head of the README's network built into a graph of its own with one refinement
   * split (K = N = 4), holding the exported values.
   */
  private static float[] inferenceHead(ExportResult r, Feed feed) {
    Map<String, VariableSnapshot.Entry> values = new LinkedHashMap<>();
    try (VariableValues v = SavedModelReader.open(r.directory()).readValues()) {
      for (String name : v.names()) {
        values.put(name, new VariableSnapshot.Entry(v.shape(name), v.floats(name), null));
      }
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf).withoutLoggedWarnings();
      OdeBlocks.of(registry).discretise(Discretisation.map(SplitRefinement.splits(1)));
      TrainingGraph graph =
          Model.classifier(ReadmeExample::net, Shape.of(28, 28, 1)).training().build(tf, registry);
      assertThat(OdeBlocks.of(registry).all())
          .singleElement()
          .satisfies(
              blk -> {
                assertThat(blk.spec().basis()).hasToString("piecewise_constant:4");
                assertThat(blk.spec().steps()).isEqualTo(4);
              });
      try (Session s = new Session(g)) {
        new VariableSnapshot(values).restore(s, registry);
        try (Result out =
            s.runner().feed(graph.input(), feed.input()).fetch(graph.inferLogits()).run()) {
          return floats((TFloat32) out.get(0));
        }
      }
    }
  }

  private static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void readmeQuotesTheExampleVerbatim() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    String source =
        Files.readString(
            root.resolve("examples/src/main/java/org/odenet4j/examples/ReadmeExample.java"));
    String example =
        source.substring(
            source.indexOf("// README-BEGIN\n") + 16, source.indexOf("  // README-END"));
    String readme = Files.readString(root.resolve("README.md"));
    assertThat(readme).contains(example.stripTrailing().stripIndent().strip());
  }
}
