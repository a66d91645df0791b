package org.odenet4j.savedmodel;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Adds what TensorFlow Java 1.1.0's exporter does not write (tensorflow/java#376, #434) to an
 * exported {@code saved_model.pb}: the {@code assets/} files with their {@code asset_file_def}
 * entries, and the init op in the {@value #MAIN_OP_KEY} collection, which every loader (TensorFlow
 * Serving, {@code tf.saved_model.load}, {@code saved_model_cli}, TensorFlow Java's own {@code
 * SavedModelBundle.load}) runs once after restoring the variables, with each asset's real path fed
 * to its path tensor.
 */
final class SavedModelAssets {
  static final String ASSETS_DIR = "assets";

  /**
   * The collection naming the init op ({@code saved_model_main_op}, TensorFlow's {@code
   * MAIN_OP_KEY}); a collection rather than the {@code __saved_model_init_op} signature, so that
   * signature listings ({@code saved_model_cli show}, {@code loaded.signatures}) show only what
   * clients call.
   */
  static final String MAIN_OP_KEY = "saved_model_main_op";

  private SavedModelAssets() {}

  /**
   * Writes the assets and rewrites {@code dir/saved_model.pb} with them and the init op ({@code
   * initOp} names a NoOp, or is null without initializers), in deterministic protobuf order (map
   * entries sorted by key), so the same graph gives the same bytes in every process; TensorFlow's
   * own serialisation orders node attributes differently from one process to the next.
   */
  static void attach(Path dir, ServingGraph graph, String initOp) throws IOException {
    Path pb = dir.resolve("saved_model.pb");
    SavedModel model = SavedModel.parseFrom(Files.readAllBytes(pb));
    if (model.getMetaGraphsCount() != 1) {
      throw new IllegalStateException(
          pb + ": expected one meta graph, found " + model.getMetaGraphsCount());
    }
    MetaGraphDef.Builder meta = model.getMetaGraphs(0).toBuilder();
    if (!graph.assets().isEmpty()) {
      Path assets = Files.createDirectories(dir.resolve(ASSETS_DIR));
      for (ServingAsset asset : graph.assets()) {
        Files.write(assets.resolve(asset.filename()), asset.content());
        meta.addAssetFileDef(
            AssetFileDef.newBuilder()
                .setFilename(asset.filename())
                .setTensorInfo(
                    TensorInfo.newBuilder()
                        .setName(asset.path().op().name() + ":0")
                        .setDtype(DataType.DT_STRING)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())));
      }
    }
    if (initOp != null) {
      meta.putCollectionDef(
          MAIN_OP_KEY,
          CollectionDef.newBuilder()
              .setNodeList(CollectionDef.NodeList.newBuilder().addValue(initOp))
              .build());
    }
    Files.write(pb, deterministic(model.toBuilder().setMetaGraphs(0, meta).build()));
  }

  private static byte[] deterministic(SavedModel model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    model.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }
}
