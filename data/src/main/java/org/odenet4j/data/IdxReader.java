package org.odenet4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of the MNIST family (MNIST, Fashion-MNIST), plain or gzip-compressed.
 * Compression is detected from the first two bytes ({@code 1f 8b}), not from the file name.
 *
 * <p>Layout (all integers big-endian 32-bit):
 *
 * <ul>
 *   <li>images: magic {@code 0x00000803}, count, rows, columns, then {@code count * rows * columns}
 *       unsigned bytes, row-major;
 *   <li>labels: magic {@code 0x00000801}, count, then {@code count} unsigned bytes.
 * </ul>
 *
 * <p>Every validation failure is a {@link DataFormatException} naming the file, the field, the
 * expected and the found value: bad magic number, negative or oversized dimensions, truncated data,
 * trailing bytes, a label out of range, a count mismatch between an image file and its label file
 * ({@link #read}), a missing or unreadable file, and a gzip stream that is truncated (also inside
 * its header) or corrupt.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte images with channels (4 dimensions). */
  public static final int CHANNEL_IMAGES_MAGIC = 0x00000804;

  /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The largest byte array the JVM allocates. */
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * Images of an IDX image file.
   *
   * @param count number of images
   * @param rows image height
   * @param columns image width
   * @param pixels {@code count * rows * columns} raw bytes (read as unsigned 0..255)
   */
  public record Images(int count, int rows, int columns, byte[] pixels) {}

  /** Reads an image file from disk (gzip or plain). */
  public static Images readImages(Path file) throws IOException {
    try (InputStream in = DataFiles.open(file)) {
      return readImages(in, file.toString());
    }
  }

  /**
   * Reads an image file from a stream (gzip or plain); {@code name} is used in error messages. The
   * stream is not closed.
   */
  public static Images readImages(InputStream raw, String name) throws IOException {
    ChannelImages im = readImages(open(raw, name), name, false);
    return new Images(im.count(), im.rows(), im.columns(), im.pixels());
  }

  /**
   * Images of an IDX file of either rank.
   *
   * @param count number of images
   * @param rows image height
   * @param columns image width
   * @param channels C ({@code 1} for a three-dimensional file)
   * @param pixels {@code count * rows * columns * channels} raw bytes, row-major
   */
  public record ChannelImages(int count, int rows, int columns, int channels, byte[] pixels) {
    /** The pixels scaled to [0, 1] (pixel / 255), as the models are trained. */
    public float[] scaled() {
      float[] out = new float[pixels.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (pixels[i] & 0xff) / 255f;
      }
      return out;
    }
  }

  /**
   * Reads an image file (gzip or plain) of rank 3 ({@value #IMAGES_MAGIC}, [n, H, W]) or rank 4
   * ({@value #CHANNEL_IMAGES_MAGIC}, [n, H, W, C]).
   */
  public static ChannelImages readChannelImages(Path file) throws IOException {
    try (InputStream in = DataFiles.open(file)) {
      return readImages(open(in, file.toString()), file.toString(), true);
    }
  }

  private static ChannelImages readImages(DataInputStream in, String name, boolean channels)
      throws IOException {
    int magic = readInt(in, name, "magic number");
    if (magic != IMAGES_MAGIC && !(channels && magic == CHANNEL_IMAGES_MAGIC)) {
      throw new DataFormatException(
          name,
          "magic number",
          channels
              ? hex(IMAGES_MAGIC)
                  + " or "
                  + hex(CHANNEL_IMAGES_MAGIC)
                  + " (IDX unsigned-byte images [n, H, W] or [n, H, W, C])"
              : hex(IMAGES_MAGIC) + " (IDX images)",
          hex(magic) + describe(magic));
    }
    int count = readInt(in, name, "image count");
    int rows = readInt(in, name, "rows");
    int columns = readInt(in, name, "columns");
    int c = magic == CHANNEL_IMAGES_MAGIC ? readInt(in, name, "channels") : 1;
    checkNonNegative(name, "image count", count);
    checkPositive(name, "rows", rows);
    checkPositive(name, "columns", columns);
    checkPositive(name, "channels", c);
    // exact: count x rows x columns can overflow a long (2^30 each wraps to 0)
    BigInteger total =
        BigInteger.valueOf(count)
            .multiply(BigInteger.valueOf(rows))
            .multiply(BigInteger.valueOf(columns))
            .multiply(BigInteger.valueOf(c));
    String shape = count + " x " + rows + " x " + columns + (c == 1 ? "" : " x " + c);
    if (total.compareTo(BigInteger.valueOf(MAX_BYTES)) > 0) {
      throw new DataFormatException(
          name,
          "image data size",
          "at most " + MAX_BYTES + " bytes",
          total + " bytes (" + shape + ")");
    }
    String of = c == 1 ? rows + "x" + columns : rows + "x" + columns + "x" + c;
    byte[] pixels =
        readExactly(
            in, total.intValueExact(), name, "pixel data (" + count + " images of " + of + ")");
    return new ChannelImages(count, rows, columns, c, pixels);
  }

  /**
   * Reads a label file from disk (gzip or plain) and checks every label is in {@code [0, classes)}.
   */
  public static int[] readLabels(Path file, int classes) throws IOException {
    try (InputStream in = DataFiles.open(file)) {
      return readLabels(in, file.toString(), classes);
    }
  }

  /**
   * Reads a label file from a stream (gzip or plain) and checks every label is in {@code [0,
   * classes)}; {@code name} is used in error messages. The stream is not closed.
   */
  public static int[] readLabels(InputStream raw, String name, int classes) throws IOException {
    if (classes < 1 || classes > 256) {
      throw new IllegalArgumentException("classes: expected 1..256, found " + classes);
    }
    DataInputStream in = open(raw, name);
    int magic = readInt(in, name, "magic number");
    if (magic != LABELS_MAGIC) {
      throw new DataFormatException(
          name, "magic number", hex(LABELS_MAGIC) + " (IDX labels)", hex(magic) + describe(magic));
    }
    int count = readInt(in, name, "label count");
    checkNonNegative(name, "label count", count);
    if (count > MAX_BYTES) {
      throw new DataFormatException(name, "label count", "at most " + MAX_BYTES, count);
    }
    byte[] bytes = readExactly(in, count, name, "label data (" + count + " labels)");
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int label = bytes[i] & 0xff;
      if (label >= classes) {
        throw new DataFormatException(name, "label " + i, "0.." + (classes - 1), label);
      }
      labels[i] = label;
    }
    return labels;
  }

  /**
   * Reads a matching pair of image and label files into an {@link ImageDataset} with one channel.
   *
   * @throws DataFormatException also when the two files hold different numbers of items
   */
  public static ImageDataset read(Path images, Path labels, int classes, String source)
      throws IOException {
    Images im = readImages(images);
    int[] lab = readLabels(labels, classes);
    return pair(im, images.toString(), lab, labels.toString(), classes, source);
  }

  /** Pairs images with labels, checking the counts agree. */
  static ImageDataset pair(
      Images images, String imagesName, int[] labels, String labelsName, int classes, String source)
      throws DataFormatException {
    if (images.count() != labels.length) {
      throw new DataFormatException(
          labelsName, "label count (must match " + imagesName + ")", images.count(), labels.length);
    }
    return new ImageDataset(
        images.pixels(), labels, images.rows(), images.columns(), 1, classes, source);
  }

  /**
   * Wraps a stream, transparently un-gzipping when it starts with {@code 1f 8b}; a gzip header that
   * is cut short or not valid is reported against {@code name}.
   */
  static DataInputStream open(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      GZIPInputStream gzip;
      try {
        gzip = new GZIPInputStream(in, 1 << 16);
      } catch (EOFException e) {
        throw new DataFormatException(
            name, "gzip header", "a complete gzip header", "end of file (truncated file)");
      } catch (ZipException e) {
        throw new DataFormatException(
            name, "gzip header", "a valid gzip header", "corrupt data (" + e.getMessage() + ")");
      }
      return new DataInputStream(new BufferedInputStream(gzip, 1 << 16));
    }
    return new DataInputStream(in);
  }

  private static int readInt(DataInputStream in, String name, String field) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFormatException(
          name, field, "a 4-byte big-endian integer", "end of file (truncated header)");
    } catch (ZipException e) {
      throw corrupt(name, field, e);
    }
  }

  /**
   * Reads {@code n} bytes, growing the buffer as they arrive: a header that claims 2 GB in a file
   * of a few bytes fails as truncated without allocating 2 GB first.
   */
  private static byte[] readExactly(DataInputStream in, int n, String name, String field)
      throws IOException {
    byte[] out = new byte[Math.min(n, 1 << 16)];
    int read = 0;
    try {
      while (read < n) {
        if (read == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
        }
        int r = in.read(out, read, out.length - read);
        if (r < 0) {
          break;
        }
        read += r;
      }
    } catch (EOFException e) {
      // a gzip stream cut short; report below with the bytes read so far
    } catch (ZipException e) {
      throw corrupt(name, field, e);
    }
    if (read < n) {
      throw new DataFormatException(name, field, n + " bytes", read + " bytes (truncated file)");
    }
    int next;
    try {
      next = in.read();
    } catch (EOFException e) {
      throw new DataFormatException(
          name,
          "gzip trailer after " + field,
          "8 bytes (CRC-32 and size)",
          "end of file (truncated file)");
    } catch (ZipException e) {
      throw corrupt(name, "gzip data after " + field, e);
    }
    if (next >= 0) {
      throw new DataFormatException(
          name, "end of file after " + field, "no more bytes", "trailing data");
    }
    return out;
  }

  private static DataFormatException corrupt(String name, String field, ZipException e) {
    return new DataFormatException(
        name, field, "valid gzip-compressed data", "corrupt data (" + e.getMessage() + ")");
  }

  private static void checkNonNegative(String name, String field, int v)
      throws DataFormatException {
    if (v < 0) {
      throw new DataFormatException(name, field, ">= 0", v);
    }
  }

  private static void checkPositive(String name, String field, int v) throws DataFormatException {
    if (v < 1) {
      throw new DataFormatException(name, field, ">= 1", v);
    }
  }

  static String hex(int v) {
    return String.format("0x%08x", v);
  }

  private static String describe(int magic) {
    if (magic == IMAGES_MAGIC) {
      return " (IDX images)";
    } else if (magic == CHANNEL_IMAGES_MAGIC) {
      return " (IDX images with channels)";
    } else if (magic == LABELS_MAGIC) {
      return " (IDX labels)";
    }
    return "";
  }
}
