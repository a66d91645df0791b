package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.units.ConvResidualUnit;
import org.odenet4j.units.TransformerEncoderUnit;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What {@link Mode#INFER} promises a serving graph: only op types that TensorFlow 2.18 has GPU
 * kernels for (the allow-list in {@code org/odenet4j/gpu-capable-ops.txt}), no training ops
 * (assignments, training-mode batch norm, state updates) and no device pinning, for an image-like
 * and a tagger-like stack built from an uninitialised registry, as an export would build them.
 */
class ModeTest {

  static Set<String> allowList() throws IOException {
    Set<String> ops = new TreeSet<>();
    try (InputStream in = ModeTest.class.getResourceAsStream("/org/odenet4j/gpu-capable-ops.txt")) {
      assertThat(in).as("allow-list resource").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String op = line.replaceAll("#.*", "").trim();
        if (!op.isEmpty()) {
          ops.add(op);
        }
      }
    }
    return ops;
  }

  @Test
  void imageStackInferGraphIsGpuCapableAndInferenceOnly() throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> x =
          tf.withName("images")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 3)));
      LayerContext ctx = LayerContext.root(registry, Mode.INFER, "serve");
      Operand<TFloat32> h = ctx.apply("stem", Conv2D.of(4, 3, 1), x);
      h = ctx.apply("stem_bn", BatchNorm.standard(), h);
      h = Activation.RELU.apply(ctx, h);
      h =
          ctx.apply(
              "block",
              new OdeBlock(ConvResidualUnit.relu(4), OdeBlockSpec.of("piecewise_constant:2", 2)),
              h);
      h =
          ctx.apply(
              "block2",
              new OdeBlock(
                  ConvResidualUnit.relu(4),
                  new OdeBlockSpec("fem_linear:2", 2, "rk4", 1.0, CoefficientInit.IDENTICAL)),
              h);
      h = ctx.apply("final_bn", BatchNorm.standard(), h);
      h = ctx.tf().nn.avgPool(h, List.of(1L, 4L, 4L, 1L), List.of(1L, 1L, 1L, 1L), "VALID");
      h = ctx.tf().reshape(h, ctx.tf().constant(new long[] {-1, 4}));
      Operand<TFloat32> logits = ctx.apply("head", Dense.of(10), h);
      ctx.tf().nn.softmax(logits);
      assertThat(ctx.updates()).isEmpty();
      checkInferenceGraph(g);
    }
  }

  @Test
  void taggerStackInferGraphIsGpuCapableAndInferenceOnly() throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TInt32> ids =
          tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 5)));
      Placeholder<TFloat32> mask =
          tf.withName("mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 5)));
      LayerContext ctx = LayerContext.root(registry, Mode.INFER, "serve");
      Operand<TFloat32> h = new Embedding(20, 8).apply(ctx.child("embed"), ids);
      h = ctx.apply("positions", new SinusoidalPositions(), h);
      h =
          ctx.apply(
              "block",
              new OdeBlock(
                  new TransformerEncoderUnit(2, 16, Activation.ELU, mask),
                  new OdeBlockSpec("legendre:2", 2, "midpoint", 1.0, CoefficientInit.IDENTICAL)),
              h);
      h =
          ctx.apply(
              "block2",
              new OdeBlock(
                  new TransformerEncoderUnit(2, 16, Activation.GELU_TANH, mask),
                  new OdeBlockSpec(
                      "piecewise_linear:2", 1, "euler", 1.0, CoefficientInit.IDENTICAL)),
              h);
      h = ctx.apply("final_ln", LayerNorm.standard(), h);
      Operand<TFloat32> logits = ctx.apply("head", Dense.of(7), h);
      ctx.tf().math.argMax(logits, ctx.tf().constant(-1), TInt32.class);
      assertThat(ctx.updates()).isEmpty();
      checkInferenceGraph(g);
    }
  }

  private static void checkInferenceGraph(Graph g) throws IOException {
    Set<String> allowed = allowList();
    TreeMap<String, Integer> types = new TreeMap<>();
    int fusedBn = 0;
    for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      types.merge(op.type(), 1, Integer::sum);
      assertThat(op.device()).as("device of %s", op.name()).isEmpty();
      assertThat(op.type())
          .as("training op %s", op.name())
          .doesNotStartWith("Assign")
          .doesNotStartWith("Apply");
      assertThat(g.isInitializer(op)).as("initializer %s", op.name()).isFalse();
      if (op.type().startsWith("FusedBatchNorm")) {
        fusedBn++;
        assertThat(op.attributes().getAttrBool("is_training"))
            .as("is_training of %s", op.name())
            .isFalse();
      }
    }
    System.out.println("INFER op types: " + types);
    assertThat(types.keySet()).as("op types outside the GPU allow-list").isSubsetOf(allowed);
    assertThat(types).doesNotContainKeys("StopGradient", "Div");
    if (types.containsKey("Conv2D")) {
      assertThat(fusedBn).isGreaterThan(0);
    }
  }

  /** Sanity of the mechanism: a training head would be caught. */
  @Test
  void aTrainHeadIsNotInferenceOnly() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 2)));
      LayerContext ctx = LayerContext.root(registry, Mode.TRAIN, "train");
      ctx.apply(
          "block",
          new OdeBlock(ConvResidualUnit.relu(2), OdeBlockSpec.of("piecewise_constant:1", 1)),
          x);
      assertThat(ctx.updates()).isNotEmpty();
      boolean trainingBn = false;
      boolean assign = false;
      for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        trainingBn |=
            op.type().equals("FusedBatchNormV3") && op.attributes().getAttrBool("is_training");
        assign |= op.type().startsWith("Assign");
      }
      assertThat(trainingBn).isTrue();
      assertThat(assign).isTrue();
    }
  }
}
