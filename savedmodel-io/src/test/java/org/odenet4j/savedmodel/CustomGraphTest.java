package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.Initializers;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.units.ConvResidualUnit;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.io.WriteFile;
import org.tensorflow.types.TFloat32;

/**
 * A graph built by a user from raw Ops, with one OdeBlock between user layers; and a graph with a
 * side effect.
 */
class CustomGraphTest {
  @TempDir Path tmp;

  /**
   * User layers: raw conv (kernel from the registry) → ODE block → mean pool → raw dense (a plain
   * tf.variable outside the registry).
   */
  static SignatureOutputs userGraph(Ops tf, ParameterRegistry reg, Path marker) {
    Placeholder<TFloat32> x =
        tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 1)));
    Variable<TFloat32> k =
        reg.variable(
            "user/conv/kernel",
            VariableKind.PARAMETER,
            new long[] {3, 3, 1, 4},
            Initializers.normal(0.3));
    Operand<TFloat32> h = tf.nn.relu(tf.nn.conv2d(x, k, List.of(1L, 1L, 1L, 1L), "SAME"));
    h =
        new OdeBlock(ConvResidualUnit.relu(4), OdeBlockSpec.of("piecewise_constant:2", 2))
            .apply(LayerContext.root(reg, Mode.INFER, "user").child("ode"), h);
    Operand<TFloat32> pooled = tf.math.mean(h, tf.constant(new int[] {1, 2}));
    Variable<TFloat32> w = tf.withName("user_dense_w").variable(Shape.of(4, 3), TFloat32.class);
    Operand<TFloat32> scores = tf.linalg.matMul(pooled, w);
    if (marker != null) {
      WriteFile write =
          tf.io.writeFile(tf.constant(marker.toString()), tf.constant("the model's graph ran"));
      scores = tf.withControlDependencies(List.of(write)).identity(scores);
    }
    return SignatureOutputs.builder()
        .input("pixels", x)
        .output("scores", scores)
        .output("probs", tf.nn.softmax(scores))
        .build();
  }

  /**
   * The in-memory user model: initialised registry variables, and the raw dense weight assigned by
   * hand.
   */
  static final class InMemory implements AutoCloseable {
    final Graph g = new Graph();
    final Session s;
    final SignatureOutputs sig;

    InMemory() {
      Ops tf = Ops.create(g);
      ParameterRegistry reg = ParameterRegistry.initialized(tf, 5);
      sig = userGraph(tf, reg, null);
      s = new Session(g);
      float[] w = new float[12];
      for (int i = 0; i < w.length; i++) {
        w[i] = (i % 5) * 0.25f - 0.5f;
      }
      @SuppressWarnings("unchecked")
      Operand<TFloat32> wv = (Operand<TFloat32>) (Operand<?>) g.operation("user_dense_w").output(0);
      s.runner()
          .addTarget(tf.assign(wv, tf.constant(Shape.of(4, 3), DataBuffers.of(w, true, false))))
          .run()
          .close();
    }

    float[] scores(TFloat32 images) {
      try (Result r =
          s.runner()
              .feed(sig.inputs().get("pixels"), images)
              .fetch(sig.outputs().get("scores"))
              .run()) {
        return Fixtures.floats((TFloat32) r.get(0));
      }
    }

    @Override
    public void close() {
      s.close();
      g.close();
    }
  }

  @Test
  void exportsInspectsAndReloadsAUserGraph() {
    try (InMemory model = new InMemory();
        TFloat32 images = Fixtures.images(4, 3)) {
      ExportResult r =
          Exporter.to(tmp)
              .graph((tf, reg) -> userGraph(tf, reg, null))
              .valuesFrom(model.s)
              .export();
      Inspection in = SavedModels.inspect(r.directory());
      assertThat(in.modelSpec()).isNull();
      assertThat(in.odeBlocks()).hasSize(1);
      assertThat(in.odeBlocks().get(0).name()).isEqualTo("ode");
      assertThat(in.odeBlocks().get(0).k()).isEqualTo(2);
      assertThat(in.variables())
          .anySatisfy(
              v -> {
                assertThat(v.name()).isEqualTo("user_dense_w");
                assertThat(v.kind()).isEqualTo("parameter");
                assertThat(v.block()).isNull();
              });
      assertThat(in.variables())
          .anySatisfy(v -> assertThat(v.name()).isEqualTo("user/conv/kernel"));
      assertThat(in.signatures().get(0).inputs().get("pixels").shape())
          .containsExactly(-1L, 8L, 8L, 1L);
      assertThat(in.warnings()).isEmpty();
      assertThat(SavedModels.validate(r.directory(), true)).isEmpty();
      float[] expected = model.scores(images);
      try (SavedModelBundle b = SavedModelBundle.load(r.directory().toString(), "serve");
          Result out = b.function("serving_default").call(Map.of("pixels", images))) {
        float[] got = Fixtures.floats((TFloat32) out.get("scores").orElseThrow());
        assertThat(got).containsExactly(expected);
      }
    }
  }

  /**
   * Inspect, validate and read never run the model's graph: a WriteFile on every output path never
   * fires; running the bundle does.
   */
  @Test
  void inspectNeverRunsTheModelGraph() throws Exception {
    Path marker = tmp.resolve("marker.txt");
    try (InMemory model = new InMemory()) {
      ExportResult r =
          Exporter.to(tmp.resolve("base"))
              .graph((tf, reg) -> userGraph(tf, reg, marker))
              .valuesFrom(model.s)
              .export();
      assertThat(marker).doesNotExist();
      SavedModels.inspect(r.directory());
      SavedModels.validate(r.directory(), true);
      try (VariableValues v = SavedModelReader.open(r.directory()).readValues()) {
        assertThat(v.names()).contains("user_dense_w");
      }
      assertThat(marker).doesNotExist();
      // control: running the bundle's serving signature does execute the side effect
      try (SavedModelBundle b = SavedModelBundle.load(r.directory().toString(), "serve");
          TFloat32 images = Fixtures.images(1, 1);
          Result out = b.function("serving_default").call(Map.of("pixels", images))) {
        assertThat(out.get("scores")).isPresent();
      }
      assertThat(marker).exists();
      assertThat(Files.readString(marker)).isEqualTo("the model's graph ran");
    }
  }
}
