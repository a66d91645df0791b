package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Acceptance: a model exported from a live training graph and reloaded with {@code
 * SavedModelBundle.load} in a fresh JVM gives bit-identical outputs (max |Δ| = 0), for an image
 * model and a tagger. One fork serves both.
 */
class FreshJvmReloadTest {
  @TempDir Path tmp;

  /**
   * A live training graph (train + serve heads) with non-trivial running statistics, exported, and
   * its in-memory outputs.
   */
  private static final class Case {
    final ExportResult export;
    final Map<String, Tensor> inputs = new LinkedHashMap<>();
    final Map<String, Tensor> expected = new LinkedHashMap<>();

    Case(ModelSpec spec, Path base, Tensor input) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        ParameterRegistry registry = ParameterRegistry.initialized(tf, 3);
        Placeholder<? extends TType> x = Models.input(tf, spec);
        Models.build(LayerContext.root(registry, Mode.TRAIN, "train"), spec, x);
        ClassifierOutputs serve =
            Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, x);
        try (Session s = new Session(g)) {
          // "trained" values = initial values, but running statistics set to non-trivial values
          SplittableRandom r = new SplittableRandom(17);
          Ops set = tf.withSubScope("set_state");
          List<Op> sets = new ArrayList<>();
          for (ModelVariable v : registry.state()) {
            float[] vals = new float[(int) v.size()];
            for (int i = 0; i < vals.length; i++) {
              vals[i] = (float) (0.25 + 1.5 * r.nextDouble());
            }
            sets.add(
                set.assign(
                    v.variable(),
                    set.constant(Shape.of(v.shape()), DataBuffers.of(vals, true, false))));
          }
          if (!sets.isEmpty()) { // the tagger has no BatchNorm: nothing to set
            Session.Runner init = s.runner();
            sets.forEach(init::addTarget);
            init.run().close();
          } else {
            s.initialize();
          }
          export =
              Exporter.to(base)
                  .graph(ModelExport.of(spec))
                  .valuesFrom(s)
                  .source("fresh-JVM test", null)
                  .export();
          inputs.put(Models.inputName(spec), input);
          try (Result out =
              s.runner()
                  .feed(x, input)
                  .fetch(serve.logits())
                  .fetch(serve.probabilities())
                  .fetch(serve.classes())
                  .run()) {
            expected.put("classes", copy(out.get(2)));
            expected.put("logits", copy(out.get(0)));
            expected.put("probabilities", copy(out.get(1)));
          }
        }
      }
    }
  }

  private static Tensor copy(Tensor t) {
    byte[] b = new byte[(int) t.numBytes()];
    t.asRawTensor().data().read(b);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Tensor c =
        Tensor.of(
            (Class) TensorFiles.type(t.dataType()), t.shape(), DataBuffers.of(b, true, false));
    return c;
  }

  @Test
  void freshJvmOutputsAreBitIdentical() throws Exception {
    ImageModelSpec image =
        ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("piecewise_constant:2", 2));
    TaggerModelSpec tagger =
        new TaggerModelSpec(12, 3, 6, 8, 2, 8, "elu", OdeBlockSpec.of("piecewise_constant:2", 2));
    SplittableRandom r = new SplittableRandom(5);
    float[] px = new float[16 * 64];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextGaussian();
    }
    int[] tok = new int[8 * 6];
    for (int i = 0; i < tok.length; i++) {
      tok[i] = i % 6 >= 4 && i / 6 % 2 == 0 ? 0 : 1 + r.nextInt(11); // some sentences padded with 0
    }
    List<Case> cases =
        List.of(
            new Case(
                image,
                tmp.resolve("image"),
                TFloat32.tensorOf(Shape.of(16, 8, 8, 1), DataBuffers.of(px, true, false))),
            new Case(
                tagger,
                tmp.resolve("tagger"),
                TInt32.tensorOf(Shape.of(8, 6), DataBuffers.of(tok, true, false))));
    List<String> args = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Path in = tmp.resolve("in" + i);
      TensorFiles.write(in, cases.get(i).inputs);
      args.add(cases.get(i).export.directory().toString());
      args.add(in.toString());
      args.add(tmp.resolve("out" + i).toString());
    }
    Process p =
        Forks.java(ServeMain.class, args.toArray(new String[0]))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("fork.log").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("fork.log"))).isZero();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Map<String, Tensor> got = TensorFiles.read(tmp.resolve("out" + i));
      try {
        assertThat(got.keySet()).containsExactlyInAnyOrder("logits", "probabilities", "classes");
        double maxDiff = 0;
        for (String name : c.expected.keySet()) {
          Tensor e = c.expected.get(name);
          Tensor g = got.get(name);
          assertThat(g.shape()).isEqualTo(e.shape());
          byte[] eb = new byte[(int) e.numBytes()];
          byte[] gb = new byte[(int) g.numBytes()];
          e.asRawTensor().data().read(eb);
          g.asRawTensor().data().read(gb);
          if (e instanceof TFloat32) {
            float[] ef = new float[(int) e.shape().size()];
            float[] gf = new float[ef.length];
            ((TFloat32) e).copyTo(DataBuffers.of(ef, false, false));
            ((TFloat32) g).copyTo(DataBuffers.of(gf, false, false));
            for (int k = 0; k < ef.length; k++) {
              maxDiff = Math.max(maxDiff, Math.abs(ef[k] - gf[k]));
            }
          }
          assertThat(gb).as("%s %s bytes", c.export.directory(), name).isEqualTo(eb);
        }
        System.out.printf(
            "fresh JVM reload %s: outputs %s, shapes logits %s, max |delta| = %s%n",
            c.export.directory(), got.keySet(), got.get("logits").shape(), maxDiff);
        assertThat(maxDiff).isZero();
      } finally {
        got.values().forEach(Tensor::close);
        c.inputs.values().forEach(Tensor::close);
        c.expected.values().forEach(Tensor::close);
      }
    }
  }
}
