package org.odenet4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.Term;
import org.odenet4j.integrate.Scheme;
import org.odenet4j.integrate.Stage;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.train.ClassificationLoss;
import org.odenet4j.train.OptimizerSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The image classifier of {@link org.odenet4j.models.OdeImageClassifier} written as a plain
 * pre-activation ResNet with raw {@code Ops}: the reference route for measuring what the basis
 * expansion costs. Every ODE block {@code Euler, piecewise_constant:K, N steps, ε} becomes N
 * separate residual units, each with its own variables,
 *
 * <pre>
 *   h ← h + (ε/N)·conv2ₙ(relu(BN2ₙ(conv1ₙ(relu(BN1ₙ(h))))))      (no multiply when ε = N)
 * </pre>
 *
 * with no basis slicing, no stage times and no continuous-BN refit. Stem, stitches and head are
 * identical to the ODE model, op for op, and their variables carry the same names. Unit n of stage
 * s is named {@code stage<s>/unit<n>/…} and holds coefficient slice k(n) of {@code
 * stage<s>/block/…}, where k(n) is the one piecewise-constant basis function that is 1 at the
 * step's depth tₙ = n/N (k(n) = n when K = N); {@link #valuesFromOde} does that copy.
 *
 * <p>Variables are {@code VariableV2} without initialisers (fill them with {@link #load}); every
 * parameter is read through one {@code Identity} per variable, as {@link ParameterRegistry#read}
 * does for the ODE model, and running statistics are read directly, as there. Build a head with
 * {@link #infer} or {@link #train}; {@link #trainStep} adds SGD with Nesterov momentum and coupled
 * weight decay as explicit per-variable {@code ApplyMomentum}s, like {@link
 * org.odenet4j.train.TrainStep} (but written independently of it).
 *
 * <p>Only relu models with Euler, piecewise-constant blocks are accepted: anything else has no
 * plain-ResNet equivalent.
 */
public final class HandBuiltResNet {
  /** The running-statistics momentum and ε of {@link org.odenet4j.layers.BatchNorm#standard()}. */
  static final double BN_MOMENTUM = 0.9;

  static final float BN_EPSILON = 1e-5f;

  private static final List<Long> STRIDE1 = List.of(1L, 1L, 1L, 1L);
  private static final List<Long> STRIDE2 = List.of(1L, 2L, 2L, 1L);

  /**
   * What each stage's ODE block unrolls to: N units, unit n holding coefficient slice {@code
   * slices[n]}.
   */
  record StagePlan(int width, int stride, int[] slices, double residualScale) {}

  private final Ops tf;
  private final ImageModelSpec spec;
  private final List<StagePlan> stages;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Boolean> trainable = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();

  private HandBuiltResNet(Ops tf, ImageModelSpec spec) {
    this.tf = tf;
    this.spec = spec;
    this.stages = plan(spec);
    createVariables();
  }

  /** Creates the network's (uninitialised) variables in {@code tf}'s graph. */
  public static HandBuiltResNet create(Ops tf, ImageModelSpec spec) {
    return new HandBuiltResNet(tf, spec);
  }

  public ImageModelSpec spec() {
    return spec;
  }

  /** The number of residual units of each stage. */
  public int[] units() {
    return stages.stream().mapToInt(p -> p.slices().length).toArray();
  }

  /** All variables by name, in creation order. */
  public Map<String, Variable<TFloat32>> variables() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  /** Names of the trainable parameters (not the running statistics), in creation order. */
  public List<String> parameters() {
    return trainable.entrySet().stream()
        .filter(Map.Entry::getValue)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Total number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (String name : parameters()) {
      n += variables.get(name).shape().size();
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // structure

  static List<StagePlan> plan(ImageModelSpec spec) {
    if (!spec.activation().equals("relu")) {
      throw new IllegalArgumentException(
          "hand-built ResNet: expected activation relu, found " + spec.activation());
    }
    int[] widths = {spec.width(), 2 * spec.width(), 4 * spec.width()};
    int[] strides = {1, 2, 2};
    List<StagePlan> out = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      OdeBlockSpec block = spec.blocks().get(s);
      if (!block.scheme().equals(Scheme.EULER)) {
        throw new IllegalArgumentException(
            "hand-built ResNet: stage "
                + (s + 1)
                + ": expected scheme euler, found "
                + block.scheme());
      }
      Basis basis = block.basis();
      if (!basis.family().equals("piecewise_constant")) {
        throw new IllegalArgumentException(
            "hand-built ResNet: stage "
                + (s + 1)
                + ": expected a piecewise_constant basis, found "
                + block.basis());
      }
      List<Stage> times = block.stageTimes().stages();
      int[] slices = new int[times.size()];
      for (int n = 0; n < slices.length; n++) {
        List<Term> terms = basis.terms(times.get(n).t(), times.get(n).side());
        if (terms.size() != 1 || terms.get(0).weight() != 1.0) {
          throw new IllegalStateException(
              "hand-built ResNet: stage "
                  + (s + 1)
                  + " step "
                  + n
                  + ": expected one basis function of weight 1, found "
                  + terms);
        }
        slices[n] = terms.get(0).index();
      }
      // exactly Unroller's Euler factor: scale / N, no multiply when it is 1
      out.add(new StagePlan(widths[s], strides[s], slices, block.epsilon() / block.steps()));
    }
    return List.copyOf(out);
  }

  static String unitName(int stage, int unit) {
    return "stage" + (stage + 1) + "/unit" + unit;
  }

  private void createVariables() {
    int channels = spec.input().get(2);
    conv("stem/conv", 3, channels, spec.width());
    bn("stem/bn", spec.width());
    int in = spec.width();
    for (int s = 0; s < 3; s++) {
      StagePlan p = stages.get(s);
      String stitch = "stage" + (s + 1) + "/stitch";
      bn(stitch + "/bn1", in);
      conv(stitch + "/conv1", 3, in, p.width());
      bn(stitch + "/bn2", p.width());
      conv(stitch + "/conv2", 3, p.width(), p.width());
      if (in != p.width() || p.stride() != 1) {
        conv(stitch + "/skip_conv", 1, in, p.width());
        bn(stitch + "/skip_bn", p.width());
      }
      for (int n = 0; n < p.slices().length; n++) {
        String unit = unitName(s, n);
        bn(unit + "/bn1", p.width());
        conv(unit + "/conv1", 3, p.width(), p.width());
        bn(unit + "/bn2", p.width());
        conv(unit + "/conv2", 3, p.width(), p.width());
      }
      in = p.width();
    }
    bn("head/bn", in);
    variable("head/dense/kernel", true, in, spec.classes());
    variable("head/dense/bias", true, spec.classes());
  }

  private void conv(String name, int k, int in, int out) {
    variable(name + "/kernel", true, k, k, in, out);
  }

  private void bn(String name, int channels) {
    variable(name + "/gamma", true, channels);
    variable(name + "/beta", true, channels);
    variable(name + "/moving_mean", false, channels);
    variable(name + "/moving_variance", false, channels);
  }

  private void variable(String name, boolean isTrainable, long... shape) {
    variables.put(name, newVariable(tf.scope(), name, shape));
    trainable.put(name, isTrainable);
  }

  /**
   * A {@code VariableV2} with exactly this hierarchical name ({@code Ops.withName} rejects '/').
   */
  private static Variable<TFloat32> newVariable(Scope scope, String name, long[] shape) {
    return new Variable<>(
        scope
            .env()
            .opBuilder(Variable.OP_NAME, name, scope)
            .setAttr("shape", Shape.of(shape))
            .setAttr("dtype", DataType.DT_FLOAT)
            .build());
  }

  private Operand<TFloat32> param(String name) {
    Variable<TFloat32> v = required(name);
    return reads.computeIfAbsent(name, n -> tf.identity(v));
  }

  private Variable<TFloat32> required(String name) {
    Variable<TFloat32> v = variables.get(name);
    if (v == null) {
      throw new IllegalStateException("hand-built ResNet: no variable " + name);
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // heads

  /** Logits, probabilities and classes of one head. */
  public record Outputs(
      Operand<TFloat32> logits, Operand<TFloat32> probabilities, Operand<TInt64> classes) {}

  /** Builds an inference head (running statistics) under the op-name prefix {@code head}. */
  public Outputs infer(String head, Operand<TFloat32> images) {
    return forward(tf.withSubScope(head), images, null);
  }

  /**
   * A training head: batch statistics, plus the running-statistics EMAs collected in {@code
   * updates}.
   */
  public Outputs train(String head, Operand<TFloat32> images, List<Op> updates) {
    return forward(tf.withSubScope(head), images, updates);
  }

  private Outputs forward(Ops t, Operand<TFloat32> images, List<Op> updates) {
    List<Integer> in = spec.input();
    if (images.shape().numDimensions() != 4
        || images.shape().get(1) != in.get(0)
        || images.shape().get(2) != in.get(1)
        || images.shape().get(3) != in.get(2)) {
      throw new IllegalArgumentException(
          "hand-built ResNet: expected images [batch, "
              + in.get(0)
              + ", "
              + in.get(1)
              + ", "
              + in.get(2)
              + "], found "
              + images.shape());
    }
    Operand<TFloat32> h = t.nn.conv2d(images, param("stem/conv/kernel"), STRIDE1, "SAME");
    h = t.nn.relu(batchNorm(t, "stem/bn", h, updates));
    for (int s = 0; s < 3; s++) {
      StagePlan p = stages.get(s);
      h = stitch(t, "stage" + (s + 1) + "/stitch", p, h, updates);
      for (int n = 0; n < p.slices().length; n++) {
        String unit = unitName(s, n);
        Operand<TFloat32> r = t.nn.relu(batchNorm(t, unit + "/bn1", h, updates));
        r = t.nn.conv2d(r, param(unit + "/conv1/kernel"), STRIDE1, "SAME");
        r = t.nn.relu(batchNorm(t, unit + "/bn2", r, updates));
        r = t.nn.conv2d(r, param(unit + "/conv2/kernel"), STRIDE1, "SAME");
        if (p.residualScale() != 1.0) {
          r = t.math.mul(t.constant(TFloat32.class, p.residualScale()), r);
        }
        h = t.math.add(h, r);
      }
    }
    h = batchNorm(t, "head/bn", h, updates);
    h = t.math.mean(h, t.constant(new int[] {1, 2}), Mean.keepDims(false));
    Operand<TFloat32> logits =
        t.nn.biasAdd(t.linalg.matMul(h, param("head/dense/kernel")), param("head/dense/bias"));
    return new Outputs(
        t.withName("logits").identity(logits),
        t.withName("probabilities").nn.softmax(logits),
        t.withName("classes").math.argMax(logits, t.constant(1)));
  }

  /**
   * {@link org.odenet4j.units.ResidualStitch}: skip +
   * ε_s·conv2(relu(BN2(conv1_stride(relu(BN1(x)))))).
   */
  private Operand<TFloat32> stitch(
      Ops t, String name, StagePlan p, Operand<TFloat32> x, List<Op> updates) {
    long in = x.shape().get(-1);
    Operand<TFloat32> h = t.nn.relu(batchNorm(t, name + "/bn1", x, updates));
    h = t.nn.conv2d(h, param(name + "/conv1/kernel"), p.stride() == 1 ? STRIDE1 : STRIDE2, "SAME");
    h = t.nn.relu(batchNorm(t, name + "/bn2", h, updates));
    h = t.nn.conv2d(h, param(name + "/conv2/kernel"), STRIDE1, "SAME");
    Operand<TFloat32> skip = x;
    if (in != p.width() || p.stride() != 1) {
      skip =
          t.nn.conv2d(
              x, param(name + "/skip_conv/kernel"), p.stride() == 1 ? STRIDE1 : STRIDE2, "SAME");
      skip = batchNorm(t, name + "/skip_bn", skip, updates);
    }
    if (spec.stitchEpsilon() != 1.0) {
      h = t.math.mul(h, t.constant((float) spec.stitchEpsilon()));
    }
    return t.math.add(skip, h);
  }

  /**
   * {@link org.odenet4j.layers.BatchNorm} on NHWC: the fused kernel; in training the batch
   * statistics (variance made biased again) feed running ← m·running + (1 − m)·batch.
   */
  private Operand<TFloat32> batchNorm(Ops t, String name, Operand<TFloat32> x, List<Op> updates) {
    Operand<TFloat32> gamma = param(name + "/gamma");
    Operand<TFloat32> beta = param(name + "/beta");
    Variable<TFloat32> mean = required(name + "/moving_mean");
    Variable<TFloat32> variance = required(name + "/moving_variance");
    if (updates == null) {
      return t.nn
          .fusedBatchNorm(
              x,
              gamma,
              beta,
              mean,
              variance,
              FusedBatchNorm.epsilon(BN_EPSILON),
              FusedBatchNorm.isTraining(false),
              FusedBatchNorm.dataFormat("NHWC"))
          .y();
    }
    FusedBatchNorm<TFloat32, TFloat32> bn =
        t.nn.fusedBatchNorm(
            x,
            gamma,
            beta,
            t.constant(new float[0]),
            t.constant(new float[0]),
            FusedBatchNorm.epsilon(BN_EPSILON),
            FusedBatchNorm.isTraining(true),
            FusedBatchNorm.dataFormat("NHWC"));
    long channels = x.shape().get(-1);
    Operand<TFloat32> n =
        t.math.div(t.dtypes.cast(t.size(x), TFloat32.class), t.constant((float) channels));
    Operand<TFloat32> biased =
        t.math.mul(bn.batchVariance(), t.math.div(t.math.sub(n, t.constant(1f)), n));
    updates.add(t.assign(mean, ema(t, mean, t.stopGradient(bn.batchMean()))));
    updates.add(t.assign(variance, ema(t, variance, t.stopGradient(biased))));
    return bn.y();
  }

  private static Operand<TFloat32> ema(Ops t, Operand<TFloat32> running, Operand<TFloat32> batch) {
    return t.math.add(
        t.math.mul(running, t.constant((float) BN_MOMENTUM)),
        t.math.mul(batch, t.constant((float) (1.0 - BN_MOMENTUM))));
  }

  // ---------------------------------------------------------------------------------------------
  // training

  /**
   * One optimisation step: the loss, its gradients for every trainable parameter, and SGD with
   * (Nesterov) momentum and coupled weight decay g ← ∇L + wd·θ as one {@code ApplyMomentum} per
   * parameter, grouped with the head's running-statistic updates into {@code target}. Feed {@code
   * learningRate}.
   */
  public record Training(
      Op target,
      Placeholder<TFloat32> learningRate,
      Operand<TFloat32> logits,
      ClassificationLoss loss,
      List<Variable<TFloat32>> slots) {}

  /**
   * Builds a training head on {@code images}/{@code labels} and its optimisation step. The momentum
   * accumulators are zero-initialised in the init scope (the session runs them on its first {@code
   * run}).
   */
  public Training trainStep(
      Graph graph,
      String head,
      Operand<TFloat32> images,
      Operand<TInt32> labels,
      OptimizerSpec.SgdMomentum sgd) {
    return trainStep(graph, head, images, labels, sgd, false);
  }

  /**
   * As {@link #trainStep(Graph, String, Operand, Operand, OptimizerSpec.SgdMomentum)}; with {@code
   * gateGradients} every {@code ApplyMomentum} waits for <em>all</em> gradients (TF1's GATE_GRAPH).
   * Without it (as {@link org.odenet4j.train.TrainStep} builds it) a weight can be updated in place
   * while a backward op still reads it through its aliasing {@code Identity}, and a step's result
   * varies from run to run.
   */
  public Training trainStep(
      Graph graph,
      String head,
      Operand<TFloat32> images,
      Operand<TInt32> labels,
      OptimizerSpec.SgdMomentum sgd,
      boolean gateGradients) {
    Ops t = tf.withSubScope(head);
    List<Op> stateUpdates = new ArrayList<>();
    Outputs out = forward(t, images, stateUpdates);
    ClassificationLoss loss = ClassificationLoss.of(t, out.logits(), labels, null);
    List<String> names = parameters();
    Output<?>[] xs = new Output<?>[names.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = variables.get(names.get(i)).asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.mean().asOutput(), xs);
    Placeholder<TFloat32> lr =
        tf.withName(head + "_learning_rate")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Ops init = tf.withInitScope();
    Ops apply = tf;
    if (gateGradients) {
      List<Op> all = new ArrayList<>();
      for (Output<?> g : grads) {
        all.add(tf.identity(g));
      }
      apply =
          tf.withControlDependencies(
              List.of(tf.withControlDependencies(all).withName(head + "_gradients").noOp()));
    }
    List<Op> updates = new ArrayList<>();
    List<Variable<TFloat32>> slots = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Variable<TFloat32> v = variables.get(names.get(i));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Output<TFloat32>) grads[i];
      if (g == null) {
        throw new IllegalStateException(
            "hand-built ResNet: parameter " + names.get(i) + " is not on the loss path");
      }
      if (sgd.weightDecay() > 0) {
        g = tf.math.add(g, tf.math.mul(v, tf.constant((float) sgd.weightDecay())));
      }
      Variable<TFloat32> accumulator =
          newVariable(init.scope(), head + "_momentum/" + names.get(i), v.shape().asArray());
      init.assign(accumulator, init.zeros(init.constant(v.shape().asArray()), TFloat32.class));
      slots.add(accumulator);
      updates.add(
          apply.train.applyMomentum(
              v,
              accumulator,
              lr,
              g,
              tf.constant((float) sgd.momentum()),
              ApplyMomentum.useNesterov(sgd.nesterov())));
    }
    updates.addAll(stateUpdates);
    Op target = tf.withControlDependencies(updates).withName(head + "_train_step").noOp();
    return new Training(target, lr, out.logits(), loss, List.copyOf(slots));
  }

  // ---------------------------------------------------------------------------------------------
  // values

  /**
   * The hand-built network's values from an ODE model's variable values (by registry name): plain
   * layers copied, unit n of stage s given slice k(n) of {@code stage<s>/block/…}. Training-only
   * ODE state ({@code …/variance_clamps}) is ignored; every hand-built variable must get a value.
   */
  public static Map<String, float[]> valuesFromOde(
      ImageModelSpec spec, Map<String, float[]> odeValues) {
    List<StagePlan> stages = plan(spec);
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : odeValues.entrySet()) {
      String name = e.getKey();
      int s = blockStage(name);
      if (s < 0) {
        out.put(name, e.getValue());
        continue;
      }
      String local = name.substring(("stage" + (s + 1) + "/block/").length());
      if (local.equals("variance_clamps") || local.isEmpty()) {
        continue;
      }
      int k = spec.blocks().get(s).basis().size();
      float[] all = e.getValue();
      int slice = all.length / k;
      if (slice * k != all.length) {
        throw new IllegalArgumentException(
            "ODE value " + name + ": expected [" + k + ", …], found " + all.length + " values");
      }
      int[] slices = stages.get(s).slices();
      for (int n = 0; n < slices.length; n++) {
        int from = slices[n] * slice;
        out.put(unitName(s, n) + "/" + local, Arrays.copyOfRange(all, from, from + slice));
      }
    }
    return out;
  }

  /** Stage index s when {@code name} is {@code stage<s+1>/block/…}, else −1. */
  private static int blockStage(String name) {
    for (int s = 0; s < 3; s++) {
      if (name.startsWith("stage" + (s + 1) + "/block/")) {
        return s;
      }
    }
    return -1;
  }

  /**
   * Every model variable's value in a live ODE session, by registry name (optimizer slots left
   * out).
   */
  public static Map<String, float[]> fetchOdeValues(Session session, ParameterRegistry registry) {
    Map<String, float[]> out = new LinkedHashMap<>();
    List<ModelVariable> all =
        registry.all().stream().filter(v -> !v.name().startsWith("optimizer/")).toList();
    Session.Runner r = session.runner();
    all.forEach(v -> r.fetch(v.name()));
    try (Result res = r.run()) {
      for (int i = 0; i < all.size(); i++) {
        TFloat32 t = (TFloat32) res.get(i);
        float[] values = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.put(all.get(i).name(), values);
      }
    }
    return out;
  }

  /**
   * Assigns every variable of this network in {@code session} (whose graph holds it) through
   * placeholders.
   */
  public void load(Session session, Map<String, float[]> values) {
    List<String> missing = variables.keySet().stream().filter(n -> !values.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "hand-built ResNet: expected a value for every variable, found none for " + missing);
    }
    Ops load = tf.withSubScope("hand_built_load");
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      int i = 0;
      for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
        Shape shape = e.getValue().shape();
        float[] v = values.get(e.getKey());
        if (v.length != shape.size()) {
          throw new IllegalArgumentException(
              "hand-built ResNet: variable "
                  + e.getKey()
                  + ": expected "
                  + shape
                  + ", found "
                  + v.length
                  + " values");
        }
        TFloat32 tensor = TFloat32.tensorOf(shape, DataBuffers.of(v, true, false));
        tensors.add(tensor);
        Placeholder<TFloat32> p =
            load.withName("value" + i).placeholder(TFloat32.class, Placeholder.shape(shape));
        runner.feed(p, tensor).addTarget(load.withName("assign" + i).assign(e.getValue(), p));
        i++;
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /**
   * The values as tensors by variable name (for {@code Exporter.values}); the caller closes them.
   */
  public Map<String, TFloat32> tensors(Map<String, float[]> values) {
    Map<String, TFloat32> out = new LinkedHashMap<>();
    for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
      out.put(
          e.getKey(),
          TFloat32.tensorOf(
              e.getValue().shape(), DataBuffers.of(values.get(e.getKey()), true, false)));
    }
    return out;
  }
}
