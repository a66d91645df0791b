package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {
  @TempDir Path tmp;

  /**
   * Sizes of a made-up version directory; gzip bytes equal java.util.zip's gzip of the files
   * concatenated in path order.
   */
  @Test
  void bytesVariablesAndGzip() throws Exception {
    byte[] pb = "saved model protobuf, quite compressible ".repeat(200).getBytes();
    byte[] data = new byte[50_000];
    new SplittableRandom(1).nextBytes(data);
    byte[] index = {1, 2, 3};
    Files.createDirectories(tmp.resolve("variables"));
    Files.write(tmp.resolve("saved_model.pb"), pb);
    Files.write(tmp.resolve("variables/variables.data-00000-of-00001"), data);
    Files.write(tmp.resolve("variables/variables.index"), index);
    DiskUsage u = DiskUsage.of(tmp);
    assertThat(u.bytes()).isEqualTo(pb.length + data.length + index.length);
    assertThat(u.variablesBytes()).isEqualTo(data.length + index.length);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(pb); // path order: saved_model.pb < variables/…data… < variables/…index
      out.write(data);
      out.write(index);
    }
    assertThat(u.gzipBytes()).isEqualTo(gz.size());
  }
}
