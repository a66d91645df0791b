package org.odenet4j.savedmodel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.family.TType;

/**
 * Puts an export's variable values into the new graph's variables. The values come from a map by
 * variable name (every variable needs one; values for other names are refused unless ignored) or
 * are fetched by name from a live session. Each value's dtype and shape must match its variable;
 * all are assigned in one run through placeholders {@code odenet_load/value<i>} and assigns {@code
 * odenet_load/assign<i>} ({@link Exporter#LOAD_SCOPE}), i in graph order, so the graph is the same
 * for the same model.
 */
final class ValueAssignment {
  private final Map<String, ? extends Tensor> values;
  private final Session live;
  private final boolean ignoreExtraValues;

  private ValueAssignment(Map<String, ? extends Tensor> values, Session live, boolean ignoreExtra) {
    this.values = values;
    this.live = live;
    this.ignoreExtraValues = ignoreExtra;
  }

  /**
   * Values by name (the caller keeps ownership); {@code ignoreExtra} skips names not in the graph.
   */
  static ValueAssignment fromMap(Map<String, ? extends Tensor> values, boolean ignoreExtra) {
    return new ValueAssignment(values, null, ignoreExtra);
  }

  /** Values fetched by variable name from a live (e.g. training) session. */
  static ValueAssignment fromSession(Session live) {
    return new ValueAssignment(null, live, false);
  }

  /**
   * Assigns every variable of {@code variables} in {@code target}, whose graph {@code tf} builds.
   */
  void assign(Ops tf, Session target, GraphVariables variables) {
    if (live == null) {
      assignAll(tf, target, variables, fromMap(variables));
      return;
    }
    List<String> names = variables.names();
    if (names.isEmpty()) {
      return;
    }
    try (Result fetched = fetch(names)) {
      Map<String, Tensor> byName = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byName.put(names.get(i), fetched.get(i));
      }
      assignAll(tf, target, variables, byName);
    }
  }

  private Result fetch(List<String> names) {
    Session.Runner r = live.runner();
    for (String name : names) {
      if (live.graph().operation(name) == null) {
        throw new IllegalArgumentException(
            "values: expected variable "
                + name
                + " in the live session's graph, found no op of that name");
      }
      r.fetch(name);
    }
    return r.run();
  }

  private Map<String, Tensor> fromMap(GraphVariables variables) {
    List<String> names = variables.names();
    List<String> missing = names.stream().filter(n -> !values.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "values: expected a value for every variable, found none for " + missing);
    }
    List<String> extra =
        values.keySet().stream().filter(n -> !variables.contains(n)).sorted().toList();
    if (!extra.isEmpty() && !ignoreExtraValues) {
      throw new IllegalArgumentException(
          "values: expected only variables of the inference graph, found values for unknown "
              + extra);
    }
    Map<String, Tensor> byName = new LinkedHashMap<>();
    for (String name : names) {
      byName.put(name, values.get(name));
    }
    return byName;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assignAll(
      Ops tf, Session target, GraphVariables variables, Map<String, Tensor> byName) {
    Ops load = tf.withSubScope(Exporter.LOAD_SCOPE);
    Session.Runner runner = target.runner();
    int i = 0;
    for (String name : variables.names()) {
      NodeDef node = variables.node(name);
      List<Long> shape = Dtypes.dims(node.getAttrOrThrow("shape").getShape());
      Class<? extends TType> type = checkedType(name, node, shape, byName.get(name));
      Placeholder p =
          load.withName("value" + i).placeholder(type, Placeholder.shape(Shape.of(toArray(shape))));
      Operand variable = (Operand) target.graph().operation(name).output(0);
      runner.feed(p, byName.get(name)).addTarget(load.withName("assign" + i).assign(variable, p));
      i++;
    }
    if (i > 0) {
      runner.run().close();
    }
  }

  /** The tensor class of the variable's dtype, after checking that {@code value} matches it. */
  private static Class<? extends TType> checkedType(
      String name, NodeDef node, List<Long> shape, Tensor value) {
    DataType dtype = node.getAttrOrThrow("dtype").getType();
    if (value.dataType() != dtype || !Dtypes.dims(value.shape()).equals(shape)) {
      throw new IllegalArgumentException(
          "values: variable "
              + name
              + ": expected "
              + Dtypes.name(dtype)
              + " "
              + shape
              + ", found "
              + Dtypes.name(value.dataType())
              + " "
              + Arrays.toString(value.shape().asArray()));
    }
    try {
      return Dtypes.tensorClass(dtype);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("values: variable " + name + ": " + e.getMessage(), e);
    }
  }

  private static long[] toArray(List<Long> dims) {
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
