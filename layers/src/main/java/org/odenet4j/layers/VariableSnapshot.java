package org.odenet4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The values of a model's parameters and state (not optimizer slots), by variable name, in Java
 * memory: for best-checkpoint keeping, refinement carry-over and export.
 *
 * @param entries name → shape, values and owning block (null outside ODE blocks)
 */
public record VariableSnapshot(Map<String, Entry> entries) {

  /** One variable's value. */
  public record Entry(long[] shape, float[] values, String block) {}

  public VariableSnapshot {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Reads every parameter and state variable of the registry from a session. */
  public static VariableSnapshot capture(Session session, ParameterRegistry registry) {
    List<ModelVariable> vars = new ArrayList<>();
    for (ModelVariable v : registry.all()) {
      if (v.kind() != VariableKind.OPTIMIZER) {
        vars.add(v);
      }
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    Session.Runner runner = session.runner();
    for (ModelVariable v : vars) {
      runner.fetch(v.variable());
    }
    try (Result r = runner.run()) {
      for (int i = 0; i < vars.size(); i++) {
        ModelVariable v = vars.get(i);
        TFloat32 t = (TFloat32) r.get(i);
        float[] values = new float[(int) v.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.put(v.name(), new Entry(v.shape().clone(), values, v.block()));
      }
    }
    return new VariableSnapshot(out);
  }

  /**
   * Assigns every entry to the registry variable of the same name (through placeholders; nothing is
   * baked into the graph). Every parameter and state variable of the registry must have an entry of
   * the same shape.
   */
  public void restore(Session session, ParameterRegistry registry) {
    Ops tf = registry.ops();
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      for (ModelVariable v : registry.all()) {
        if (v.kind() == VariableKind.OPTIMIZER) {
          continue;
        }
        Entry e = entries.get(v.name());
        if (e == null) {
          throw new IllegalArgumentException(
              "snapshot: expected a value for variable " + v.name() + ", found none");
        }
        if (!java.util.Arrays.equals(e.shape(), v.shape())) {
          throw new IllegalArgumentException(
              "snapshot "
                  + v.name()
                  + ": expected shape "
                  + java.util.Arrays.toString(v.shape())
                  + ", found "
                  + java.util.Arrays.toString(e.shape()));
        }
        Placeholder<TFloat32> p =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(v.shape())));
        TFloat32 value =
            TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(e.values(), true, false));
        tensors.add(value);
        runner.feed(p, value).addTarget(tf.assign(v.variable(), p));
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /**
   * The values as new tensors by variable name, for {@code Exporter.values}; the caller closes
   * them.
   */
  public Map<String, TFloat32> tensors() {
    Map<String, TFloat32> out = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        out.put(
            e.getKey(),
            TFloat32.tensorOf(
                Shape.of(e.getValue().shape()),
                DataBuffers.of(e.getValue().values(), true, false)));
      }
      return out;
    } catch (RuntimeException ex) {
      out.values().forEach(TFloat32::close);
      throw ex;
    }
  }
}
