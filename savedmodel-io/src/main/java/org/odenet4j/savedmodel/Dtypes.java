package org.odenet4j.savedmodel;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * Data type names, sizes and classes, and shape conversions, shared by the writer and the reader.
 */
final class Dtypes {
  private Dtypes() {}

  /** The manifest's name of a data type: float32, int32, int64, … */
  static String name(DataType dt) {
    switch (dt) {
      case DT_FLOAT:
        return "float32";
      case DT_DOUBLE:
        return "float64";
      case DT_INT32:
        return "int32";
      case DT_INT64:
        return "int64";
      case DT_UINT8:
        return "uint8";
      case DT_BOOL:
        return "bool";
      case DT_STRING:
        return "string";
      default:
        return dt.name().toLowerCase(java.util.Locale.ROOT).replaceFirst("^dt_", "");
    }
  }

  /** Bytes per element, or -1 when not fixed. */
  static int size(DataType dt) {
    switch (dt) {
      case DT_FLOAT:
      case DT_INT32:
        return 4;
      case DT_DOUBLE:
      case DT_INT64:
        return 8;
      case DT_UINT8:
      case DT_BOOL:
        return 1;
      default:
        return -1;
    }
  }

  /** The tensor class for a data type (for RestoreV2's dtypes attribute). */
  static Class<? extends TType> tensorClass(DataType dt) {
    switch (dt) {
      case DT_FLOAT:
        return TFloat32.class;
      case DT_DOUBLE:
        return TFloat64.class;
      case DT_INT32:
        return TInt32.class;
      case DT_INT64:
        return TInt64.class;
      case DT_UINT8:
        return TUint8.class;
      case DT_BOOL:
        return TBool.class;
      case DT_STRING:
        return TString.class;
      default:
        throw new IllegalArgumentException(
            "dtype: expected float32, float64, int32, int64, uint8, bool or string, found "
                + name(dt));
    }
  }

  /** Dimensions of a shape proto; -1 for unknown dimensions; null for unknown rank. */
  static List<Long> dims(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return null;
    }
    List<Long> dims = new ArrayList<>();
    for (TensorShapeProto.Dim d : shape.getDimList()) {
      dims.add(d.getSize());
    }
    return dims;
  }

  static List<Long> dims(Shape shape) {
    if (shape.isUnknown()) {
      return null;
    }
    List<Long> dims = new ArrayList<>();
    for (long d : shape.asArray()) {
      dims.add(d);
    }
    return dims;
  }

  static List<Long> dims(long[] shape) {
    List<Long> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(d);
    }
    return dims;
  }

  static long elements(List<Long> dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** Bytes of a dense tensor, or -1 when unknown. */
  static long bytes(DataType dt, List<Long> dims) {
    int size = size(dt);
    if (size < 0 || dims == null || dims.stream().anyMatch(d -> d < 0)) {
      return -1;
    }
    return size * elements(dims);
  }
}
