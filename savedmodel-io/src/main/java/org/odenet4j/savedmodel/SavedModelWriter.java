package org.odenet4j.savedmodel;

import java.io.IOException;
import java.nio.file.Path;
import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;

/**
 * Writes {@code saved_model.pb} and {@code variables/} of an inference graph into a directory:
 * builds the graph into a fresh {@link Graph} over {@link ParameterRegistry#empty}, refuses
 * training ops ({@link TrainingOpCheck}), assigns the values ({@link ValueAssignment}) and exports
 * with tag {@value Exporter#TAG} and the {@code serving_default} signature.
 */
final class SavedModelWriter {

  private SavedModelWriter() {}

  /**
   * Writes the SavedModel into {@code dir} (which exists, empty); calls {@code listener} at {@link
   * ExportListener.Stage#VALUES_ASSIGNED}. Returns what the manifest needs from the graph build.
   */
  static ManifestBuilder.GraphPart write(
      Path dir, InferenceGraph graph, ValueAssignment values, ExportListener listener)
      throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.empty(tf);
      ServingGraph serving = graph.buildServing(tf, registry);
      String initOp = initOp(tf, serving);
      GraphDef def = g.toGraphDef();
      TrainingOpCheck.requireInferenceOnly(def);
      GraphVariables variables = GraphVariables.of(def, registry);
      ManifestBuilder.GraphPart part = ManifestBuilder.GraphPart.of(variables, registry, graph);
      try (Session s = new Session(g)) {
        values.assign(tf, s, variables);
        listener.stage(ExportListener.Stage.VALUES_ASSIGNED, dir);
        export(dir, s, serving);
        SavedModelAssets.attach(dir, serving, initOp);
      }
      return part;
    }
  }

  /** The NoOp that runs the serving graph's initializers, or null when it has none. */
  private static String initOp(Ops tf, ServingGraph serving) {
    if (serving.initializers().isEmpty()) {
      return null;
    }
    return tf.withControlDependencies(serving.initializers())
        .withName("odenet_init")
        .noOp()
        .op()
        .name();
  }

  private static Signature signature(String key, SignatureOutputs sig) {
    Signature.Builder sb = Signature.builder().key(key).methodName(Exporter.METHOD_NAME);
    sig.inputs().forEach(sb::input);
    sig.outputs().forEach(sb::output);
    return sb.build();
  }

  private static void export(Path dir, Session s, ServingGraph serving) throws IOException {
    SavedModelBundle.Exporter exporter =
        SavedModelBundle.exporter(dir.toString())
            .withTags(Exporter.TAG)
            .withSession(s)
            .withSignature(signature(Exporter.SIGNATURE_KEY, serving.servingDefault()));
    serving.signatures().forEach((key, sig) -> exporter.withSignature(signature(key, sig)));
    try {
      exporter.export();
    } catch (TensorFlowException e) {
      // the checkpoint write failed (e.g. no space left on device): the OS error, not TF's
      // multi-line status with its OOM hint
      throw new IOException(
          "checkpoint write failed: " + SavedModelReader.firstLine(e.getMessage()), e);
    }
  }
}
