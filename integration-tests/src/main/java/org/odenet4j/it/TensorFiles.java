package org.odenet4j.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Named tensors to and from a file, byte-exact (dtype, shape, raw little-endian bytes). */
public final class TensorFiles {
  private TensorFiles() {}

  public static void write(Path file, Map<String, ? extends Tensor> tensors) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(tensors.size());
      for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
        Tensor t = e.getValue();
        out.writeUTF(e.getKey());
        out.writeInt(t.dataType().getNumber());
        long[] dims = t.shape().asArray();
        out.writeInt(dims.length);
        for (long d : dims) {
          out.writeLong(d);
        }
        byte[] bytes = new byte[Math.toIntExact(t.numBytes())];
        t.asRawTensor().data().read(bytes);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** The tensors of a file; the caller closes them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Map<String, Tensor> read(Path file) throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        DataType dt = DataType.forNumber(in.readInt());
        long[] dims = new long[in.readInt()];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = in.readLong();
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        out.put(
            name, Tensor.of((Class) type(dt), Shape.of(dims), DataBuffers.of(bytes, true, false)));
      }
    }
    return out;
  }

  static Class<? extends TType> type(DataType dt) {
    switch (dt) {
      case DT_FLOAT:
        return TFloat32.class;
      case DT_INT32:
        return TInt32.class;
      case DT_INT64:
        return TInt64.class;
      default:
        throw new IllegalArgumentException("dtype: expected float32, int32 or int64, found " + dt);
    }
  }
}
