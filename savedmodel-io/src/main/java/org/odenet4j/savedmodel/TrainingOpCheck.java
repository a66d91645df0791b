package org.odenet4j.savedmodel;

import java.util.regex.Pattern;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Refuses a graph that is not inference-only: optimizer and gradient ops, BatchNorm in training
 * mode, and assign ops (the exporter assigns the values itself, under {@link Exporter#LOAD_SCOPE}).
 */
final class TrainingOpCheck {
  private static final Pattern TRAINING_OP =
      Pattern.compile("(Resource)?(Sparse)?Apply.*|.*Grad(V[0-9])?|.*GradInput|.*GradFilter");

  private TrainingOpCheck() {}

  /** Throws for the first node of {@code def} that is a training or assign op. */
  static void requireInferenceOnly(GraphDef def) {
    for (NodeDef n : def.getNodeList()) {
      String op = n.getOp();
      if (isAssign(op)) {
        throw new IllegalArgumentException(
            "inference graph: expected no assign ops (the exporter assigns the values; build variables uninitialised with "
                + "ParameterRegistry.empty or tf.variable(shape, type)), found "
                + op
                + " '"
                + n.getName()
                + "'");
      }
      if (isTraining(n)) {
        throw new IllegalArgumentException(
            "inference graph: expected inference ops only, found the training op "
                + op
                + " '"
                + n.getName()
                + "'");
      }
    }
  }

  private static boolean isAssign(String op) {
    return op.equals("Assign")
        || op.equals("AssignAdd")
        || op.equals("AssignSub")
        || op.startsWith("AssignVariable");
  }

  /**
   * An optimizer or gradient op (a transposed convolution's Conv2DBackpropInput is inference), or
   * BN training.
   */
  private static boolean isTraining(NodeDef n) {
    String op = n.getOp();
    boolean training = TRAINING_OP.matcher(op).matches() && !op.equals("Conv2DBackpropInput");
    if (op.startsWith("FusedBatchNorm")) {
      AttrValue t = n.getAttrMap().get("is_training");
      training |= t != null && t.getB();
    }
    return training;
  }
}
