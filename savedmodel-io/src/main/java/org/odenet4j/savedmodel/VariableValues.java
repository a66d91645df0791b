package org.odenet4j.savedmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Variable values read from a checkpoint, by name. Owns the tensors: close it (try-with-resources)
 * once done. {@link #asMap()} can be handed to {@link Exporter#values(Map)} directly.
 */
public final class VariableValues implements AutoCloseable {
  private final Map<String, Tensor> tensors;
  private boolean closed;

  VariableValues(Map<String, Tensor> tensors) {
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Names in checkpoint-read order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** All tensors by name (owned by this holder). */
  public Map<String, Tensor> asMap() {
    check();
    return tensors;
  }

  public Tensor tensor(String name) {
    check();
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "variable: expected one of " + tensors.keySet() + ", found '" + name + "'");
    }
    return t;
  }

  /** A float32 variable (owned by this holder). */
  public TFloat32 float32(String name) {
    Tensor t = tensor(name);
    if (!(t instanceof TFloat32)) {
      throw new IllegalArgumentException(
          "variable " + name + ": expected float32, found " + Dtypes.name(t.dataType()));
    }
    return (TFloat32) t;
  }

  /** A float32 variable's values, row-major. */
  public float[] floats(String name) {
    TFloat32 t = float32(name);
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  public long[] shape(String name) {
    return tensor(name).shape().asArray();
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("variable values: expected an open holder, found it closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      tensors.values().forEach(Tensor::close);
    }
  }
}
