package org.odenet4j.cli.predict;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.odenet4j.data.DataFormatException;

/**
 * Unsigned-byte images of an IDX file, plain or gzip-compressed (detected from the first two
 * bytes): magic {@code 0x00000803} with dimensions [n, H, W] (one channel, as Fashion-MNIST), or
 * {@code 0x00000804} with [n, H, W, C]; dimensions are big-endian 32-bit integers, then the pixels,
 * row-major. Every problem is a {@link DataFormatException} naming the file, the field, what was
 * expected and what was found.
 */
final class IdxImages {
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private final int count;
  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;

  /**
   * @param count the number of images
   * @param height H
   * @param width W
   * @param channels C (1 for a three-dimensional file)
   * @param pixels {@code count·H·W·C} bytes, read as 0..255
   */
  IdxImages(int count, int height, int width, int channels, byte[] pixels) {
    this.count = count;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = pixels;
  }

  int count() {
    return count;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  int channels() {
    return channels;
  }

  /** The pixels scaled to [0, 1] (pixel / 255), as the models were trained. */
  float[] scaled() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xff) / 255f;
    }
    return out;
  }

  static IdxImages read(Path file) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new DataFormatException(name, "file", "a regular file", "a directory");
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, "file", "an existing file", "no such file");
    } catch (AccessDeniedException e) {
      throw new DataFormatException(name, "file", "a readable file", "permission denied");
    }
    try (raw) {
      return read(open(raw, name), name);
    }
  }

  private static DataInputStream open(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in), 1 << 16));
      } catch (EOFException e) {
        throw new DataFormatException(
            name, "gzip header", "a complete gzip header", "end of file (truncated file)");
      } catch (ZipException e) {
        throw new DataFormatException(
            name, "gzip header", "a valid gzip header", "corrupt data (" + e.getMessage() + ")");
      }
    }
    return new DataInputStream(in);
  }

  private static IdxImages read(DataInputStream in, String name) throws IOException {
    int magic = readInt(in, name, "magic number");
    if (magic != 0x803 && magic != 0x804) {
      throw new DataFormatException(
          name,
          "magic number",
          "0x00000803 or 0x00000804 (IDX unsigned-byte images [n, H, W] or [n, H, W, C])",
          String.format("0x%08x", magic) + (magic == 0x801 ? " (IDX labels)" : ""));
    }
    int rank = magic & 0xff;
    String[] fields = {"image count", "rows", "columns", "channels"};
    int[] dims = new int[rank];
    for (int k = 0; k < rank; k++) {
      dims[k] = readInt(in, name, fields[k]);
      if (dims[k] < (k == 0 ? 0 : 1)) {
        throw new DataFormatException(name, fields[k], k == 0 ? ">= 0" : ">= 1", dims[k]);
      }
    }
    BigInteger total = BigInteger.ONE;
    for (int d : dims) {
      total = total.multiply(BigInteger.valueOf(d));
    }
    if (total.compareTo(BigInteger.valueOf(MAX_BYTES)) > 0) {
      throw new DataFormatException(
          name, "image data size", "at most " + MAX_BYTES + " bytes", total + " bytes");
    }
    int n = total.intValueExact();
    String field = "pixel data (" + Arrays.toString(dims) + ")";
    byte[] pixels = new byte[Math.min(n, 1 << 16)];
    int read = 0;
    try {
      while (read < n) {
        if (read == pixels.length) {
          pixels = Arrays.copyOf(pixels, (int) Math.min(n, 2L * pixels.length));
        }
        int r = in.read(pixels, read, pixels.length - read);
        if (r < 0) {
          break;
        }
        read += r;
      }
      if (read < n) {
        throw new DataFormatException(name, field, n + " bytes", read + " bytes (truncated file)");
      }
      if (in.read() >= 0) {
        throw new DataFormatException(
            name, "end of file after " + field, "no more bytes", "trailing data");
      }
    } catch (EOFException e) {
      throw new DataFormatException(
          name, field, n + " bytes", read + " bytes (truncated gzip stream)");
    } catch (ZipException e) {
      throw new DataFormatException(
          name, field, "valid gzip-compressed data", "corrupt data (" + e.getMessage() + ")");
    }
    return new IdxImages(dims[0], dims[1], dims[2], rank == 4 ? dims[3] : 1, pixels);
  }

  private static int readInt(DataInputStream in, String name, String field) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFormatException(
          name, field, "a 4-byte big-endian integer", "end of file (truncated header)");
    } catch (ZipException e) {
      throw new DataFormatException(
          name, field, "valid gzip-compressed data", "corrupt data (" + e.getMessage() + ")");
    }
  }
}
