package org.odenet4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.odenet4j.savedmodel.Manifest;

/** Training data read from files: batches as the wrapped data, provenance as the files' SHA-256. */
final class FileTrainingData implements TrainingData {
  private final TrainingData data;
  private final List<Path> files;

  FileTrainingData(TrainingData data, List<Path> files) {
    this.data = data;
    this.files = files;
  }

  @Override
  public int size() {
    return data.size();
  }

  @Override
  public String source() {
    return data.source();
  }

  @Override
  public Feed batch(int[] indices, Random augmentation) {
    return data.batch(indices, augmentation);
  }

  @Override
  public Manifest.TrainingData provenance() {
    Map<String, String> sums = new LinkedHashMap<>();
    for (Path f : files) {
      sums.put(f.toString(), sha256(f));
    }
    return new Manifest.TrainingData(source(), sums, null);
  }

  static String sha256(Path file) {
    MessageDigest digest = DataFingerprint.newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the training data file", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
