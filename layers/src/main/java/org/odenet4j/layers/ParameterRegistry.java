package org.odenet4j.layers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.odenet4j.basis.Basis;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Owns every variable of a model graph, by stable name (and, through {@link #extension}, per-graph
 * state of layer families built on this package, such as the ODE blocks of {@code
 * org.odenet4j.ode}). Heads built into the same graph (a training head and an inference head) share
 * variables through it: asking twice for the same name returns the same {@code VariableV2}, and a
 * shape disagreement is an error.
 *
 * <p>Variables are created in one of two ways ({@link Values}):
 *
 * <ul>
 *   <li>{@link Values#INITIALIZED}: with seeded initial values (init ops that the session runs on
 *       first use). Each variable's values come from its own random stream, derived from the seed
 *       and its name, so they do not depend on the order in which layers are built.
 *   <li>{@link Values#EMPTY}: uninitialised, for graphs whose values are then assigned or restored
 *       (export, compression).
 * </ul>
 *
 * Only {@code VariableV2} is used: the SavedModel exporter of TF Java 1.1.0 does not save resource
 * variables.
 */
public final class ParameterRegistry {
  /** Warning summaries logged so far in this JVM ({@link #warn(String, String)}). */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  /** How new variables get their values. */
  public enum Values {
    INITIALIZED,
    EMPTY
  }

  private final Ops root;
  private final Values values;
  private final long seed;
  private final Map<String, ModelVariable> variables = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
  private final Map<Class<?>, Object> extensions = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean logWarnings = true;

  private ParameterRegistry(Ops root, Values values, long seed) {
    this.root = root;
    this.values = values;
    this.seed = seed;
  }

  /** A registry whose variables start from seeded initial values. */
  public static ParameterRegistry initialized(Ops tf, long seed) {
    return new ParameterRegistry(tf, Values.INITIALIZED, seed);
  }

  /** A registry whose variables are uninitialised (to be assigned or restored). */
  public static ParameterRegistry empty(Ops tf) {
    return new ParameterRegistry(tf, Values.EMPTY, 0L);
  }

  /** The graph's root {@code Ops}, unscoped. */
  public Ops ops() {
    return root;
  }

  public Values values() {
    return values;
  }

  public long seed() {
    return seed;
  }

  /** Gets or creates a plain variable. */
  public Variable<TFloat32> variable(
      String name, VariableKind kind, long[] shape, Initializer init) {
    return getOrCreate(name, kind, shape, null, null, init, CoefficientInit.IDENTICAL);
  }

  /**
   * Gets or creates a basis-coefficient variable of shape {@code [K, shape…]} for an ODE block.
   * With {@link CoefficientInit#IDENTICAL}, and always for a {@link Initializer#deterministic()
   * deterministic} initialiser, θ(t) starts constant in depth at one draw v: coefficients v·{@link
   * Basis#constant()} (K equal copies for the nodal families, the reference code's behaviour; (v,
   * 0, …, 0) for legendre). With {@link CoefficientInit#INDEPENDENT} each of the K coefficients is
   * an independent draw.
   */
  public Variable<TFloat32> coefficients(
      String name,
      VariableKind kind,
      String block,
      Basis basis,
      long[] shape,
      Initializer init,
      CoefficientInit coefficientInit) {
    return getOrCreate(name, kind, shape, block, basis.constant(), init, coefficientInit);
  }

  private Variable<TFloat32> getOrCreate(
      String name,
      VariableKind kind,
      long[] shape,
      String block,
      double[] constant,
      Initializer init,
      CoefficientInit coefficientInit) {
    long[] full = block == null ? shape.clone() : prepend(constant.length, shape);
    ModelVariable existing = variables.get(name);
    if (existing != null) {
      if (!Arrays.equals(existing.shape(), full) || existing.kind() != kind) {
        throw new IllegalStateException(
            "variable "
                + name
                + ": expected "
                + existing.kind()
                + " "
                + Arrays.toString(existing.shape())
                + " as created before, found a request for "
                + kind
                + " "
                + Arrays.toString(full));
      }
      return existing.variable();
    }
    Variable<TFloat32> variable;
    if (values == Values.EMPTY) {
      variable = createVariable(root.scope(), name, full);
    } else {
      float[] data = initialValues(name, shape, constant, init, coefficientInit);
      Ops initOps = root.withInitScope();
      variable = createVariable(initOps.scope(), name, full);
      initOps.assign(variable, initOps.constant(Shape.of(full), DataBuffers.of(data, true, false)));
    }
    variables.put(name, new ModelVariable(name, kind, full, block, variable));
    return variable;
  }

  private float[] initialValues(
      String name,
      long[] shape,
      double[] constant,
      Initializer init,
      CoefficientInit coefficientInit) {
    SplittableRandom random = new SplittableRandom(seed ^ fnv1a(name));
    float[] one = init.values(shape, random);
    if (constant == null) {
      return one;
    }
    boolean constantInDepth = coefficientInit == CoefficientInit.IDENTICAL || init.deterministic();
    float[] data = new float[one.length * constant.length];
    for (int c = 0; c < constant.length; c++) {
      if (constantInDepth) {
        for (int i = 0; i < one.length; i++) {
          data[c * one.length + i] = (float) (one[i] * constant[c]);
        }
      } else {
        System.arraycopy(
            c == 0 ? one : init.values(shape, random), 0, data, c * one.length, one.length);
      }
    }
    return data;
  }

  /** Gets or creates a zero-initialised optimizer slot of the given shape. */
  public Variable<TFloat32> slot(String name, long[] shape) {
    if (values == Values.EMPTY) {
      throw new IllegalStateException(
          "optimizer slot "
              + name
              + ": expected a registry with initial values, found an empty one");
    }
    return getOrCreate(
        name,
        VariableKind.OPTIMIZER,
        shape,
        null,
        null,
        Initializers.zeros(),
        CoefficientInit.IDENTICAL);
  }

  /**
   * The value of a variable as a plain (non-reference) tensor: one {@code Identity} per variable
   * and graph, shared by every consumer. Layers read parameters through it, as TF1's {@code w/read}
   * does: in TF Java 1.1.0 some gradient functions crash the JVM natively when an op consumes a
   * {@code VariableV2}'s reference output directly (e.g. {@code Square(w)}).
   */
  public Operand<TFloat32> read(String name) {
    Variable<TFloat32> v = get(name).variable();
    return reads.computeIfAbsent(name, n -> root.identity(v));
  }

  /**
   * The one instance of {@code type} kept for this graph, created by {@code create} on first use:
   * per-graph state of a layer family built on this package (e.g. {@code OdeBlocks}), which this
   * package does not know.
   */
  public <T> T extension(Class<T> type, Supplier<? extends T> create) {
    return type.cast(extensions.computeIfAbsent(type, t -> create.get()));
  }

  /** Records a build-time warning (also logged, once per JVM). */
  public void warn(String message) {
    warn(message, message);
  }

  /**
   * Records a build-time warning: {@code detail} (e.g. naming the block) in {@link #warnings()},
   * and logs {@code summary} (what happened and what to do about it, without the part that repeats
   * per block or per graph) the first time this JVM sees it, so a command that builds many graphs
   * with the same setting says it once.
   */
  public void warn(String detail, String summary) {
    if (!warnings.contains(detail)) {
      warnings.add(detail);
      if (logWarnings && LOGGED.add(summary)) {
        System.getLogger(ParameterRegistry.class.getName())
            .log(System.Logger.Level.WARNING, summary);
      }
    }
  }

  /**
   * Keeps warnings in {@link #warnings()} without logging them: for graphs built on purpose with
   * unreached basis functions (the trainer's refinement check at the old step count).
   */
  public ParameterRegistry withoutLoggedWarnings() {
    logWarnings = false;
    return this;
  }

  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** All variables in creation order. */
  public List<ModelVariable> all() {
    return List.copyOf(variables.values());
  }

  public ModelVariable get(String name) {
    ModelVariable v = variables.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "variable: expected one of the model's variables, found '" + name + "'");
    }
    return v;
  }

  public boolean contains(String name) {
    return variables.containsKey(name);
  }

  /** Trainable parameters in creation order. */
  public List<ModelVariable> parameters() {
    return variables.values().stream().filter(v -> v.kind() == VariableKind.PARAMETER).toList();
  }

  /** State variables in creation order. */
  public List<ModelVariable> state() {
    return variables.values().stream().filter(v -> v.kind() == VariableKind.STATE).toList();
  }

  /** Variables whose first axis is the basis axis of the named block. */
  public List<ModelVariable> variablesOf(String block) {
    return variables.values().stream().filter(v -> block.equals(v.block())).toList();
  }

  /** Total number of trainable scalars. */
  public long parameterCount() {
    return parameters().stream().mapToLong(ModelVariable::size).sum();
  }

  /** Total number of state scalars. */
  public long stateCount() {
    return state().stream().mapToLong(ModelVariable::size).sum();
  }

  /**
   * A {@code VariableV2} op with exactly the given hierarchical name. {@code Ops.withName} rejects
   * '/', and sub-scopes are made unique ({@code block}, {@code block_1}, …), so the op is built
   * directly; a duplicate name fails in the graph rather than being silently renamed.
   */
  private static Variable<TFloat32> createVariable(Scope scope, String name, long[] shape) {
    for (String part : name.split("/", -1)) {
      if (!part.matches("[A-Za-z0-9.][A-Za-z0-9_.\\-]*")) {
        throw new IllegalArgumentException(
            "variable name: expected '/'-separated parts of letters, digits, '_', '.', '-', found '"
                + name
                + "'");
      }
    }
    return new Variable<>(
        scope
            .env()
            .opBuilder(Variable.OP_NAME, name, scope)
            .setAttr("shape", Shape.of(shape))
            .setAttr("dtype", DataType.DT_FLOAT)
            .build());
  }

  private static long[] prepend(int k, long[] shape) {
    long[] full = new long[shape.length + 1];
    full[0] = k;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return full;
  }

  /** 64-bit FNV-1a of the UTF-8 name: a stable per-variable seed offset. */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
