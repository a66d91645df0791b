package org.odenet4j.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writer for the IDX format read by {@link IdxReader}: unsigned-byte images ({@code 0x00000803})
 * and labels ({@code 0x00000801}), plain or gzip. Gzip output is byte-for-byte deterministic (the
 * JDK writes a fixed header with no time stamp), so regenerated resources do not churn in git.
 */
public final class IdxWriter {

  private IdxWriter() {}

  /** Writes {@code count = pixels.length / (rows * columns)} images. */
  public static void writeImages(Path file, int rows, int columns, byte[] pixels, boolean gzip)
      throws IOException {
    int size = rows * columns;
    if (rows < 1 || columns < 1 || pixels.length % size != 0) {
      throw new IllegalArgumentException(
          "images: expected pixels.length a multiple of "
              + rows
              + "x"
              + columns
              + ", found "
              + pixels.length);
    }
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(pixels.length / size);
      out.writeInt(rows);
      out.writeInt(columns);
      out.write(pixels);
    }
  }

  /** Writes labels, each in 0..255. */
  public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
    byte[] bytes = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] > 255) {
        throw new IllegalArgumentException("label " + i + ": expected 0..255, found " + labels[i]);
      }
      bytes[i] = (byte) labels[i];
    }
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(labels.length);
      out.write(bytes);
    }
  }

  private static DataOutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    if (gzip) {
      raw = new GZIPOutputStream(raw, 1 << 16);
    }
    return new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
  }
}
