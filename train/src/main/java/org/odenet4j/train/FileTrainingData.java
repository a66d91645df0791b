package org.odenet4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.odenet4j.savedmodel.Checksums;
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
      sums.put(f.toString(), Checksums.sha256(f));
    }
    return new Manifest.TrainingData(source(), sums, null);
  }
}
