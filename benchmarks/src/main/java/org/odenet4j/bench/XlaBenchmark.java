package org.odenet4j.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.odenet4j.models.ImageModelSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.types.TFloat32;

/**
 * Issue 10/10: does XLA make TF Java run this model faster? The inference head of {@link
 * BasisOverheadBenchmark} (same model, seed and inputs) three ways, each in its own fork:
 *
 * <ul>
 *   <li>{@code graph}: the default session, as odenet4j runs it;
 *   <li>{@code autojit}: TensorFlow's XLA auto-clustering, {@code TF_SetTfXlaCpuGlobalJit(1)} (the
 *       process-wide flag behind {@code --tf_xla_cpu_global_jit}) and a session whose {@code
 *       ConfigProto} sets {@code global_jit_level = ON_1};
 *   <li>{@code function}: the whole inference graph as one function, every variable an argument,
 *       called through {@code PartitionedCall} with {@code _XlaMustCompile = true}, as {@code
 *       tf.function(jit_compile=True)} does in Python (variables cannot be compiled: TF Java's are
 *       reference variables, so they are read outside and passed in).
 * </ul>
 *
 * Setup checks that every way computes the graph's logits (≤ 1e-4 relative to the largest).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class XlaBenchmark {
  @Param({"128", "1"})
  public int batch;

  @Param({"graph", "autojit", "function"})
  public String way;

  private OdeModel ode;
  private Session session;
  private Placeholder<TFloat32> in;
  private Operand<TFloat32> out;
  private TFloat32 input;

  @Setup(Level.Trial)
  public void setUp() {
    ImageModelSpec spec = OdeModel.spec(16, 16, 16);
    if (way.equals("autojit")) {
      tensorflow.TF_SetTfXlaCpuGlobalJit((byte) 1);
    }
    ode = OdeModel.inference(spec, 1);
    input = BenchInputs.images(spec, batch, 2);
    float[] reference = BenchInputs.inferAll(ode.session, ode.images, ode.logits, input);
    in = ode.images;
    out = ode.logits;
    session = ode.session;
    if (way.equals("autojit")) {
      ConfigProto jit =
          ConfigProto.newBuilder()
              .setGraphOptions(
                  GraphOptions.newBuilder()
                      .setOptimizerOptions(
                          OptimizerOptions.newBuilder()
                              .setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)))
              .build();
      session = new Session(ode.graph, jit);
    } else if (way.equals("function")) {
      compiledCall(ode.graph, ode.images, ode.logits);
    }
    BenchInputs.requireSame(
        reference,
        BenchInputs.inferAll(session, in, out, input),
        1e-4 * Arrays.stream(toDouble(reference)).map(Math::abs).max().orElse(1),
        way + " vs graph logits");
  }

  /**
   * Adds to {@code g} a must-compile call of {@code logits}' graph; sets {@link #in}/{@link #out}.
   */
  @SuppressWarnings("unchecked")
  private void compiledCall(Graph g, Placeholder<TFloat32> images, Operand<TFloat32> logits) {
    GraphDef all = g.toGraphDef();
    Map<String, NodeDef> byName = new HashMap<>();
    all.getNodeList().forEach(n -> byName.put(n.getName(), n));
    Set<String> needed = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(logits.op().name()));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (needed.add(n)) {
        for (String input : byName.get(n).getInputList()) {
          todo.push(input.replaceFirst("^\\^", "").replaceFirst(":\\d+$", ""));
        }
      }
    }
    GraphDef.Builder body = GraphDef.newBuilder().setVersions(all.getVersions());
    List<String> variables = new ArrayList<>();
    for (NodeDef n : all.getNodeList()) {
      if (!needed.contains(n.getName())) {
        continue;
      }
      if (n.getOp().equals("VariableV2")) { // a variable becomes an argument of the function
        variables.add(n.getName());
        body.addNode(
            NodeDef.newBuilder()
                .setName(n.getName())
                .setOp("Placeholder")
                .putAttr("dtype", n.getAttrOrThrow("dtype"))
                .putAttr("shape", n.getAttrOrThrow("shape")));
      } else {
        body.addNode(n);
      }
    }
    try (Graph fg = new Graph()) {
      fg.importGraphDef(body.build());
      Signature.Builder sig =
          Signature.builder()
              .key("logits")
              .input("images", fg.operation(images.op().name()).output(0));
      for (int i = 0; i < variables.size(); i++) {
        sig.input("w" + i, fg.operation(variables.get(i)).output(0));
      }
      sig.output("logits", fg.operation(logits.op().name()).output(0));
      // attachFunction copies the function into g: neither f nor fg is needed afterwards
      try (ConcreteFunction f = ConcreteFunction.create(sig.build(), fg)) {
        g.attachFunction(f);
        Placeholder<TFloat32> x =
            ode.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        Output<?>[] args = new Output<?>[variables.size() + 1];
        args[0] = x.asOutput();
        for (int i = 0; i < variables.size(); i++) {
          args[i + 1] = g.operation(variables.get(i)).output(0);
        }
        DataType[] types = new DataType[args.length];
        Arrays.fill(types, DataType.DT_FLOAT);
        Operation call =
            g.opBuilder("PartitionedCall", "xla_logits", ode.tf.scope())
                .addInputList(args)
                .setAttr("Tin", types)
                .setAttr("Tout", new DataType[] {DataType.DT_FLOAT})
                .setAttr("f", f)
                .setAttr("_XlaMustCompile", true)
                .build();
        in = x;
        Output<?> logitsOut = call.output(0);
        out = (Output<TFloat32>) logitsOut;
      }
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    input.close();
    if (session != ode.session) {
      session.close();
    }
    ode.close();
  }

  @Benchmark
  public float infer() {
    return BenchInputs.infer(session, in, out, input);
  }
}
