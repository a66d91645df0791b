package org.odenet4j.cli.predict;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * A dense array in Java memory, row-major: what is fed to a signature input or fetched from an
 * output. The values are a primitive array by dtype: {@code float[]} (float32), {@code double[]}
 * (float64), {@code int[]} (int32), {@code long[]} (int64), {@code byte[]} (uint8), {@code
 * boolean[]} (bool) or {@code byte[][]} (string: each element's bytes).
 *
 * @param dtype the data type
 * @param shape the dimensions (empty for a scalar)
 * @param values {@code product(shape)} values
 */
record HostArray(DataType dtype, long[] shape, Object values) {

  HostArray {
    shape = shape.clone();
    int n = Array.getLength(values);
    if (n != size(shape)) {
      throw new IllegalStateException(
          "values: expected "
              + size(shape)
              + " for shape "
              + Arrays.toString(shape)
              + ", found "
              + n);
    }
  }

  /** A zero-filled array (strings: empty) of {@code n} values of the dtype. */
  static Object allocate(DataType dtype, int n) {
    return switch (dtype) {
      case DT_FLOAT -> new float[n];
      case DT_DOUBLE -> new double[n];
      case DT_INT32 -> new int[n];
      case DT_INT64 -> new long[n];
      case DT_UINT8 -> new byte[n];
      case DT_BOOL -> new boolean[n];
      case DT_STRING -> {
        byte[][] s = new byte[n][];
        Arrays.fill(s, new byte[0]);
        yield s;
      }
      default ->
          throw new IllegalArgumentException(
              "dtype: expected float32, float64, int32, int64, uint8, bool or string, found "
                  + SignatureSpec.dtypeName(dtype));
    };
  }

  /** The number of values of a shape. */
  static int size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return Math.toIntExact(n);
  }

  /** The number of values. */
  int size() {
    return Array.getLength(values);
  }

  /** The dimensions as a list, e.g. for messages. */
  List<Long> dims() {
    return Arrays.stream(shape).boxed().toList();
  }

  /** The number of rows: the first dimension (1 for a scalar). */
  long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Values per row: the product of the dimensions after the first. */
  int rowSize() {
    return shape.length == 0 ? 1 : size(Arrays.copyOfRange(shape, 1, shape.length));
  }

  /** Rows {@code [from, to)}. */
  HostArray rows(int from, int to) {
    int row = rowSize();
    Object out = Array.newInstance(values.getClass().getComponentType(), (to - from) * row);
    System.arraycopy(values, from * row, out, 0, (to - from) * row);
    long[] s = shape.clone();
    s[0] = (long) to - from;
    return new HostArray(dtype, s, out);
  }

  /** The parts stacked along the first dimension; all of one dtype and row shape. */
  static HostArray concat(List<HostArray> parts) {
    HostArray first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    int total = 0;
    long rows = 0;
    for (HostArray p : parts) {
      total += p.size();
      rows += p.rows();
    }
    Object out = Array.newInstance(first.values.getClass().getComponentType(), total);
    int at = 0;
    for (HostArray p : parts) {
      System.arraycopy(p.values, 0, out, at, p.size());
      at += p.size();
    }
    long[] s = first.shape.clone();
    s[0] = rows;
    return new HostArray(first.dtype, s, out);
  }

  /** A new tensor holding a copy of the values; the caller closes it. */
  Tensor toTensor() {
    Shape s = Shape.of(shape);
    return switch (dtype) {
      case DT_FLOAT -> TFloat32.tensorOf(s, DataBuffers.of((float[]) values, true, false));
      case DT_DOUBLE -> TFloat64.tensorOf(s, DataBuffers.of((double[]) values, true, false));
      case DT_INT32 -> TInt32.tensorOf(s, DataBuffers.of((int[]) values, true, false));
      case DT_INT64 -> TInt64.tensorOf(s, DataBuffers.of((long[]) values, true, false));
      case DT_UINT8 -> TUint8.tensorOf(s, DataBuffers.of((byte[]) values, true, false));
      case DT_BOOL -> TBool.tensorOf(s, DataBuffers.of((boolean[]) values, true, false));
      case DT_STRING -> TString.tensorOfBytes(s, DataBuffers.of((byte[][]) values, true, false));
      default -> throw new IllegalStateException("dtype " + dtype);
    };
  }

  /**
   * A copy of a tensor's values (the tensor stays open; its owner closes it).
   *
   * @param what names the tensor in an error: an output whose dtype is not supported
   */
  static HostArray of(Tensor t, String what) {
    DataType dtype = t.dataType();
    long[] shape = t.shape().asArray();
    Object values = allocate(dtype, size(shape));
    switch (dtype) {
      case DT_FLOAT -> ((TFloat32) t).copyTo(DataBuffers.of((float[]) values, false, false));
      case DT_DOUBLE -> ((TFloat64) t).copyTo(DataBuffers.of((double[]) values, false, false));
      case DT_INT32 -> ((TInt32) t).copyTo(DataBuffers.of((int[]) values, false, false));
      case DT_INT64 -> ((TInt64) t).copyTo(DataBuffers.of((long[]) values, false, false));
      case DT_UINT8 -> ((TUint8) t).copyTo(DataBuffers.of((byte[]) values, false, false));
      case DT_BOOL -> ((TBool) t).copyTo(DataBuffers.of((boolean[]) values, false, false));
      case DT_STRING ->
          ((TString) t).asBytes().copyTo(DataBuffers.of((byte[][]) values, false, false));
      default -> throw new IllegalStateException(what + ": dtype " + dtype);
    }
    return new HostArray(dtype, shape, values);
  }
}
