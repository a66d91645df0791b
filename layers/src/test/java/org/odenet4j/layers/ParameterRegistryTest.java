package org.odenet4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.basis.Basis;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class ParameterRegistryTest {
  private static final long[] SHAPE = {3, 4};
  private static final Basis PC3 = Basis.parse("piecewise_constant:3");

  /**
   * Values of the named variables from a registry with {@code seed}, created in the given order.
   */
  private static float[][] valuesOf(long seed, String... names) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, seed);
      for (String n : names) {
        registry.variable(n, VariableKind.PARAMETER, SHAPE, Initializers.normal(1.0));
      }
      try (Session s = new Session(g)) {
        float[][] out = new float[names.length][];
        for (int i = 0; i < names.length; i++) {
          out[i] = TfTesting.fetch(s, names[i]);
        }
        return out;
      }
    }
  }

  /** The same seed gives the same values on every build, whatever the creation order. */
  @Test
  void sameSeedSameValuesIndependentOfOrder() {
    float[][] a = valuesOf(42, "a/kernel", "b/kernel");
    float[][] b = valuesOf(42, "b/kernel", "a/kernel");
    assertThat(a[0]).containsExactly(b[1]);
    assertThat(a[1]).containsExactly(b[0]);
  }

  /** Each name draws from its own stream; another seed changes every stream. */
  @Test
  void differentNamesAndSeedsGiveDifferentStreams() {
    float[][] a = valuesOf(42, "a/kernel", "b/kernel");
    assertThat(TfTesting.maxAbsDiff(a[0], a[1])).isGreaterThan(0.1);
    float[][] other = valuesOf(43, "a/kernel");
    assertThat(TfTesting.maxAbsDiff(a[0], other[0])).isGreaterThan(0.1);
  }

  /**
   * IDENTICAL coefficients are K equal copies (θ(t) constant in depth); INDEPENDENT ones differ.
   */
  @Test
  void coefficientInitIdenticalVersusIndependent() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 7);
      Variable<TFloat32> same =
          registry.coefficients(
              "blk/same",
              VariableKind.PARAMETER,
              "blk",
              PC3,
              SHAPE,
              Initializers.normal(1.0),
              CoefficientInit.IDENTICAL);
      Variable<TFloat32> indep =
          registry.coefficients(
              "blk/indep",
              VariableKind.PARAMETER,
              "blk",
              PC3,
              SHAPE,
              Initializers.normal(1.0),
              CoefficientInit.INDEPENDENT);
      assertThat(same.shape().asArray()).containsExactly(3, 3, 4);
      assertThat(registry.get("blk/indep").shape()).containsExactly(3, 3, 4);
      assertThat(registry.variablesOf("blk"))
          .extracting(ModelVariable::name)
          .containsExactly("blk/same", "blk/indep");
      assertThat(registry.get("blk/same").isCoefficient()).isTrue();
      try (Session s = new Session(g)) {
        float[] v = TfTesting.fetch(s, "blk/same");
        float[] w = TfTesting.fetch(s, "blk/indep");
        assertThat(TfTesting.row(v, 3, 1)).containsExactly(TfTesting.row(v, 3, 0));
        assertThat(TfTesting.row(v, 3, 2)).containsExactly(TfTesting.row(v, 3, 0));
        assertThat(TfTesting.maxAbsDiff(TfTesting.row(w, 3, 0), TfTesting.row(w, 3, 1)))
            .isGreaterThan(0.1);
        assertThat(TfTesting.maxAbsDiff(TfTesting.row(w, 3, 1), TfTesting.row(w, 3, 2)))
            .isGreaterThan(0.1);
      }
    }
  }

  /**
   * A depth-constant start means a constant function, not equal coefficients: for legendre:3,
   * IDENTICAL (and a deterministic initialiser under INDEPENDENT) give coefficients whose
   * expansion, evaluated through the basis itself, equals the single draw at every depth, and
   * coefficients 1 and 2 are zero. Equal copies would give v·(P₀ + P₁ + P₂)(2t − 1), 3v at t = 1.
   */
  @Test
  void depthConstantStartIsAConstantFunctionInEveryBasis() {
    Basis legendre = Basis.parse("legendre:3");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 7);
      registry.coefficients(
          "blk/w",
          VariableKind.PARAMETER,
          "blk",
          legendre,
          SHAPE,
          Initializers.normal(1.0),
          CoefficientInit.IDENTICAL);
      registry.coefficients(
          "blk/gamma",
          VariableKind.PARAMETER,
          "blk",
          legendre,
          SHAPE,
          Initializers.ones(),
          CoefficientInit.INDEPENDENT);
      registry.coefficients(
          "blk/pc",
          VariableKind.PARAMETER,
          "blk",
          PC3,
          SHAPE,
          Initializers.normal(1.0),
          CoefficientInit.IDENTICAL);
      try (Session s = new Session(g)) {
        float[] w = TfTesting.fetch(s, "blk/w");
        float[] gamma = TfTesting.fetch(s, "blk/gamma");
        float[] pc = TfTesting.fetch(s, "blk/pc");
        int n = 12;
        for (int i = 0; i < n; i++) {
          double[] cw = {w[i], w[n + i], w[2 * n + i]};
          double[] cg = {gamma[i], gamma[n + i], gamma[2 * n + i]};
          assertThat(cw[1]).isZero();
          assertThat(cw[2]).isZero();
          for (double t : new double[] {0, 0.3, 0.5, 1}) {
            assertThat(legendre.value(cw, t)).isEqualTo(cw[0]);
            assertThat(legendre.value(cg, t)).isEqualTo(1.0);
          }
          assertThat(pc[n + i]).isEqualTo(pc[i]);
          assertThat(pc[2 * n + i]).isEqualTo(pc[i]);
        }
      }
    }
  }

  /**
   * Asking again for a name returns the same variable; a different shape or kind is an error naming
   * both.
   */
  @Test
  void reuseSharesTheVariableAndRejectsShapeDisagreement() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 7);
      Variable<TFloat32> first =
          registry.variable("layer/kernel", VariableKind.PARAMETER, SHAPE, Initializers.zeros());
      Variable<TFloat32> again =
          registry.variable("layer/kernel", VariableKind.PARAMETER, SHAPE, Initializers.ones());
      assertThat(again.op().name()).isEqualTo(first.op().name()).isEqualTo("layer/kernel");
      assertThat(registry.all()).hasSize(1);
      assertThatThrownBy(
              () ->
                  registry.variable(
                      "layer/kernel",
                      VariableKind.PARAMETER,
                      new long[] {4, 3},
                      Initializers.zeros()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("layer/kernel")
          .hasMessageContaining("expected PARAMETER [3, 4]")
          .hasMessageContaining("found a request for PARAMETER [4, 3]");
      assertThatThrownBy(
              () ->
                  registry.variable(
                      "layer/kernel", VariableKind.STATE, SHAPE, Initializers.zeros()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("STATE");
      assertThatThrownBy(
              () ->
                  registry.variable(
                      "bad name", VariableKind.PARAMETER, SHAPE, Initializers.zeros()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'bad name'");
      assertThatThrownBy(() -> registry.get("missing"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'missing'");
    }
  }

  /**
   * An empty registry creates uninitialised variables: no init ops, and reading one fails until
   * assigned.
   */
  @Test
  void emptyRegistryCreatesUninitialisedVariables() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      assertThat(registry.values()).isEqualTo(ParameterRegistry.Values.EMPTY);
      Variable<TFloat32> v =
          registry.variable("layer/kernel", VariableKind.PARAMETER, SHAPE, Initializers.ones());
      for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        assertThat(op.type()).isEqualTo("VariableV2");
        assertThat(g.isInitializer(op)).isFalse();
      }
      try (Session s = new Session(g)) {
        assertThatThrownBy(() -> TfTesting.fetch(s, "layer/kernel"))
            .isInstanceOf(TensorFlowException.class)
            .hasMessageContaining("uninitialized");
        float[] values = new float[12];
        values[5] = 3f;
        TfTesting.assign(s, tf, v, values);
        assertThat(TfTesting.fetch(s, "layer/kernel")).containsExactly(values);
      }
    }
  }

  /** Counts, the parameter/state split, warnings (deduplicated) and block registration. */
  @Test
  void countsKindsWarningsAndBlocks() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 7);
      registry.variable("a", VariableKind.PARAMETER, SHAPE, Initializers.zeros());
      registry.variable("s", VariableKind.STATE, new long[] {5}, Initializers.zeros());
      registry.coefficients(
          "blk/w",
          VariableKind.PARAMETER,
          "blk",
          Basis.parse("piecewise_constant:2"),
          SHAPE,
          Initializers.zeros(),
          CoefficientInit.IDENTICAL);
      assertThat(registry.parameterCount()).isEqualTo(12 + 24);
      assertThat(registry.stateCount()).isEqualTo(5);
      assertThat(registry.parameters())
          .extracting(ModelVariable::name)
          .containsExactly("a", "blk/w");
      assertThat(registry.state()).extracting(ModelVariable::name).containsExactly("s");
      assertThat(registry.contains("a")).isTrue();
      assertThat(registry.contains("b")).isFalse();
      registry.warn("w1");
      registry.warn("w1");
      assertThat(registry.warnings()).containsExactly("w1");
      assertThat(List.of(registry.seed())).containsExactly(7L);
    }
  }

  /**
   * A command builds many graphs (the demo: one per compressed version) whose blocks raise the same
   * warning: each graph's registry keeps its per-block detail, while the summary reaches the log
   * once per JVM, and a different summary is logged too.
   */
  @Test
  void aSummaryIsLoggedOncePerJvmWhileEachRegistryKeepsItsDetails() {
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(ParameterRegistry.class.getName());
    List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    String summary = "summary " + System.nanoTime(); // unique in this JVM
    try {
      for (int graph = 0; graph < 3; graph++) {
        try (Graph g = new Graph()) {
          ParameterRegistry registry = ParameterRegistry.initialized(Ops.create(g), 1);
          registry.warn("ODE block stage1/block: " + summary, summary);
          registry.warn("ODE block stage2/block: " + summary, summary);
          assertThat(registry.warnings())
              .containsExactly(
                  "ODE block stage1/block: " + summary, "ODE block stage2/block: " + summary);
        }
      }
      try (Graph g = new Graph()) {
        ParameterRegistry.initialized(Ops.create(g), 1).warn("other " + summary);
      }
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(logged).containsExactly(summary, "other " + summary);
  }
}
