package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

  @TempDir Path dir;

  private static byte[] pixels(int n, int h, int w) {
    byte[] px = new byte[n * h * w];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 37 + 11);
    }
    return px;
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void roundTripImagesAndLabels(boolean gzip) throws IOException {
    byte[] px = pixels(3, 4, 5);
    Path images = dir.resolve("images.idx");
    Path labels = dir.resolve("labels.idx");
    IdxWriter.writeImages(images, 4, 5, px, gzip);
    IdxWriter.writeLabels(labels, new int[] {2, 0, 9}, gzip);
    byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
    assertThat(head[0] == (byte) 0x1f && head[1] == (byte) 0x8b).isEqualTo(gzip);

    IdxReader.Images im = IdxReader.readImages(images);
    assertThat(im.count()).isEqualTo(3);
    assertThat(im.rows()).isEqualTo(4);
    assertThat(im.columns()).isEqualTo(5);
    assertThat(im.pixels()).isEqualTo(px);
    assertThat(IdxReader.readLabels(labels, 10)).containsExactly(2, 0, 9);

    ImageDataset ds = IdxReader.read(images, labels, 10, "tiny");
    assertThat(ds.size()).isEqualTo(3);
    assertThat(ds.height()).isEqualTo(4);
    assertThat(ds.width()).isEqualTo(5);
    assertThat(ds.channels()).isEqualTo(1);
    assertThat(ds.source()).isEqualTo("tiny");
    assertThat(ds.image(1)).isEqualTo(Arrays.copyOfRange(px, 20, 40));
  }

  @Test
  void detectsGzipByMagicBytesNotByName() throws IOException {
    Path images = dir.resolve("plain.gz");
    IdxWriter.writeImages(images, 2, 2, pixels(1, 2, 2), false);
    assertThat(IdxReader.readImages(images).count()).isEqualTo(1);
    Path gz = dir.resolve("compressed.idx");
    IdxWriter.writeImages(gz, 2, 2, pixels(1, 2, 2), true);
    assertThat(IdxReader.readImages(gz).count()).isEqualTo(1);
  }

  @Test
  void badImageMagicNamesFileExpectedAndFound() throws IOException {
    Path labels = dir.resolve("labels-as-images.idx");
    IdxWriter.writeLabels(labels, new int[] {1}, false);
    assertThatThrownBy(() -> IdxReader.readImages(labels))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            labels
                + ": magic number: expected 0x00000803 (IDX images), found 0x00000801"
                + " (IDX labels)");
  }

  @Test
  void badLabelMagicNamesFileExpectedAndFound() throws IOException {
    Path file = dir.resolve("junk.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(0x12345678);
          out.writeInt(0);
        });
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": magic number: expected 0x00000801 (IDX labels), found 0x12345678");
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void truncatedPixelData(boolean gzip) throws IOException {
    Path file = dir.resolve("truncated.idx");
    write(
        file,
        gzip,
        out -> {
          out.writeInt(IdxReader.IMAGES_MAGIC);
          out.writeInt(2);
          out.writeInt(3);
          out.writeInt(3);
          out.write(new byte[10]);
        });
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": pixel data (2 images of 3x3): expected 18 bytes, found 10 bytes"
                + " (truncated file)");
  }

  @Test
  void truncatedGzipStreamIsReportedAsTruncated() throws IOException {
    Path whole = dir.resolve("whole.gz");
    IdxWriter.writeImages(whole, 28, 28, pixels(50, 28, 28), true);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(cut.toString());
  }

  @Test
  void missingFileNamesTheFile() {
    Path missing = dir.resolve("nope.gz");
    assertThatThrownBy(() -> IdxReader.readImages(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": file: expected an existing file, found no such file");
    assertThatThrownBy(() -> IdxReader.readLabels(missing, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": file: expected an existing file, found no such file");
  }

  /** Only the two gzip magic bytes and 3 more: the gzip header (10 bytes) is cut short. */
  @Test
  void gzipCutInsideItsHeader() throws IOException {
    Path file = dir.resolve("header.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": gzip header: expected a complete gzip header, found end of file (truncated file)");
  }

  /** A valid gzip header followed by a deflate block of the reserved type 3 (first byte 0b111). */
  @Test
  void corruptDeflateData() throws IOException {
    Path file = dir.resolve("corrupt.gz");
    Files.write(
        file,
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x07, 0x55, 0x55, 0x55});
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": magic number: expected valid gzip-compressed data, found corrupt data (invalid block type)");
  }

  /** The data decompresses completely but the CRC-32 in the trailer does not match it. */
  @Test
  void corruptGzipTrailer() throws IOException {
    Path file = dir.resolve("crc.gz");
    IdxWriter.writeLabels(file, new int[] {1, 2, 3}, true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 8] ^= 0x01; // first byte of the CRC-32
    Files.write(file, bytes);
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": gzip data after label data (3 labels): expected valid gzip-compressed data, "
                + "found corrupt data (Corrupt GZIP trailer)");
  }

  @Test
  void truncatedHeader() throws IOException {
    Path file = dir.resolve("header.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.IMAGES_MAGIC);
          out.writeInt(2);
        });
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": rows: expected a 4-byte big-endian integer, found end of file"
                + " (truncated header)");
  }

  @Test
  void truncatedLabels() throws IOException {
    Path file = dir.resolve("labels.idx");
    write(
        file,
        true,
        out -> {
          out.writeInt(IdxReader.LABELS_MAGIC);
          out.writeInt(5);
          out.write(new byte[] {1, 2});
        });
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": label data (5 labels): expected 5 bytes, found 2 bytes"
                + " (truncated file)");
  }

  @Test
  void trailingData() throws IOException {
    Path file = dir.resolve("trailing.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.LABELS_MAGIC);
          out.writeInt(1);
          out.write(new byte[] {1, 2});
        });
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": end of file after label data (1 labels): expected no more bytes,"
                + " found trailing data");
  }

  @Test
  void labelOutOfRange() throws IOException {
    Path file = dir.resolve("labels.idx");
    IdxWriter.writeLabels(file, new int[] {0, 3, 10, 1}, true);
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": label 2: expected 0..9, found 10");
  }

  @Test
  void countMismatchBetweenImagesAndLabels() throws IOException {
    Path images = dir.resolve("images.idx");
    Path labels = dir.resolve("labels.idx");
    IdxWriter.writeImages(images, 2, 2, pixels(3, 2, 2), true);
    IdxWriter.writeLabels(labels, new int[] {1, 2}, true);
    assertThatThrownBy(() -> IdxReader.read(images, labels, 10, "x"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(labels + ": label count (must match " + images + "): expected 3, found 2");
  }

  @Test
  void negativeDimensions() throws IOException {
    Path file = dir.resolve("neg.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.IMAGES_MAGIC);
          out.writeInt(1);
          out.writeInt(0);
          out.writeInt(3);
        });
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": rows: expected >= 1, found 0");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.LABELS_MAGIC);
          out.writeInt(-4);
        });
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": label count: expected >= 0, found -4");
  }

  /**
   * count x rows x columns is computed exactly: 2^30 each wrapped a long to 0 (a "valid" file of
   * 2^30 images without pixels), other sizes to a negative array size (NegativeArraySizeException).
   */
  @ParameterizedTest(name = "{0} x {1} x {2}")
  @CsvSource({
    "1073741824, 1073741824, 1073741824, 1237940039285380274899124224",
    "3420729, 876164663, 842610176, 2525405387637497307351552"
  }) // found by ParserFuzzTest
  void imageDataSizeOverflowingALongIsTooLarge(int count, int rows, int columns, String bytes)
      throws IOException {
    Path file = dir.resolve("huge.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.IMAGES_MAGIC);
          out.writeInt(count);
          out.writeInt(rows);
          out.writeInt(columns);
        });
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            file
                + ": image data size: expected at most 2147483639 bytes, found "
                + bytes
                + " bytes ("
                + count
                + " x "
                + rows
                + " x "
                + columns
                + ")");
  }

  /**
   * A header claiming 2^31 - 1 labels is too large (it was an OutOfMemoryError, "Requested array
   * size exceeds VM limit"); found by ParserFuzzTest.
   */
  @Test
  void labelCountBeyondTheLargestArrayIsTooLarge() throws IOException {
    Path file = dir.resolve("huge-labels.idx");
    write(
        file,
        false,
        out -> {
          out.writeInt(IdxReader.LABELS_MAGIC);
          out.writeInt(Integer.MAX_VALUE);
        });
    assertThatThrownBy(() -> IdxReader.readLabels(file, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": label count: expected at most 2147483639, found 2147483647");
  }

  /**
   * Headers claiming ~2 GB followed by a few bytes are reported as truncated without allocating
   * what they claim first (it took 2 GB of heap per file, an OutOfMemoryError under a smaller
   * heap); found by ParserFuzzTest.
   */
  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void headerClaimingGigabytesIsNotAllocatedUpFront(boolean gzip) throws IOException {
    Path images = dir.resolve("claims-2gb-images.idx");
    write(
        images,
        gzip,
        out -> {
          out.writeInt(IdxReader.IMAGES_MAGIC);
          out.writeInt(1);
          out.writeInt(46340);
          out.writeInt(46340);
          out.write(new byte[3]);
        });
    Path labels = dir.resolve("claims-2gb-labels.idx");
    write(
        labels,
        gzip,
        out -> {
          out.writeInt(IdxReader.LABELS_MAGIC);
          out.writeInt(Integer.MAX_VALUE - 8);
          out.write(new byte[3]);
        });
    long before = allocatedBytes();
    assertThatThrownBy(() -> IdxReader.readImages(images))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            images
                + ": pixel data (1 images of 46340x46340): expected 2147395600 bytes,"
                + " found 3 bytes (truncated file)");
    assertThatThrownBy(() -> IdxReader.readLabels(labels, 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            labels
                + ": label data (2147483639 labels): expected 2147483639 bytes,"
                + " found 3 bytes (truncated file)");
    assertThat(allocatedBytes() - before).as("bytes allocated reading both").isLessThan(64L << 20);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void streamNameIsUsedInMessages() {
    byte[] bytes = {0, 0, 8, 1, 0, 0, 0, 1};
    assertThatThrownBy(
            () -> IdxReader.readImages(new java.io.ByteArrayInputStream(bytes), "classpath:x.gz"))
        .hasMessageStartingWith("classpath:x.gz: magic number: expected 0x00000803");
  }

  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  static void write(Path file, boolean gzip, Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (gzip) {
      try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
        body.write(out);
      }
    } else {
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        body.write(out);
      }
    }
    Files.write(file, bytes.toByteArray());
  }
}
