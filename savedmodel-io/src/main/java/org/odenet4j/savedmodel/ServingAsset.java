package org.odenet4j.savedmodel;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;

/**
 * A file a SavedModel carries in {@code assets/} (a tagger's vocabulary, say), and the string
 * tensor through which its graph reads the file's path: a constant holding the file name, which
 * every SavedModel loader (TensorFlow Serving, {@code tf.saved_model.load}, TensorFlow Java) feeds
 * with the asset's real path when it runs the init op.
 *
 * @param filename a plain file name inside {@code assets/}
 * @param content the file's bytes
 * @param path the tensor the graph reads the path from
 */
public record ServingAsset(String filename, byte[] content, Operand<TString> path) {
  public ServingAsset {
    if (filename == null || !Exporter.isAssetName(filename)) {
      throw new IllegalArgumentException(
          "serving asset: expected a plain file name, found '" + filename + "'");
    }
    content = content.clone();
  }

  /** An asset whose path tensor is a new constant named {@code asset_path/<filename>}. */
  public static ServingAsset create(Ops tf, String filename, byte[] content) {
    return new ServingAsset(
        filename,
        content,
        tf.withName("asset_path_" + filename.replaceAll("[^A-Za-z0-9]", "_")).constant(filename));
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
