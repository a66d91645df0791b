package org.odenet4j.models;

import java.util.List;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.BatchNorm;
import org.odenet4j.layers.Conv2D;
import org.odenet4j.layers.Dense;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.ode.OdeBlock;
import org.odenet4j.units.ConvResidualUnit;
import org.odenet4j.units.ResidualStitch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Builds {@link ImageModelSpec} graphs. Variable-name layout: {@code stem/conv}, {@code stem/bn},
 * {@code stage1/stitch}, {@code stage1/block}, …, {@code stage3/block}, {@code head/bn}, {@code
 * head/dense}.
 */
public final class OdeImageClassifier {
  /** Names of the three ODE blocks. */
  public static final List<String> BLOCKS = List.of("stage1/block", "stage2/block", "stage3/block");

  private OdeImageClassifier() {}

  /** Logits, probabilities and classes for NHWC images {@code [batch, H, W, C]}. */
  public static ClassifierOutputs build(
      LayerContext ctx, ImageModelSpec spec, Operand<TFloat32> images) {
    List<Integer> in = spec.input();
    if (images.shape().numDimensions() != 4
        || images.shape().size(1) != in.get(0)
        || images.shape().size(2) != in.get(1)
        || images.shape().size(3) != in.get(2)) {
      throw new IllegalArgumentException(
          "image model: expected images [batch, "
              + in.get(0)
              + ", "
              + in.get(1)
              + ", "
              + in.get(2)
              + "], found "
              + images.shape());
    }
    Activation act = Activation.byName(spec.activation());
    Ops tf = ctx.tf();
    Operand<TFloat32> h = ctx.child("stem").apply("conv", Conv2D.of(spec.width(), 3, 1), images);
    h = ctx.child("stem").apply("bn", BatchNorm.standard(), h);
    h = act.apply(tf, h);
    int[] widths = {spec.width(), 2 * spec.width(), 4 * spec.width()};
    int[] strides = {1, 2, 2};
    for (int s = 0; s < 3; s++) {
      LayerContext stage = ctx.child("stage" + (s + 1));
      h =
          stage.apply(
              "stitch", new ResidualStitch(widths[s], strides[s], spec.stitchEpsilon(), act), h);
      h =
          stage.apply(
              "block", new OdeBlock(new ConvResidualUnit(widths[s], act), spec.blocks().get(s)), h);
    }
    LayerContext head = ctx.child("head");
    h = head.apply("bn", BatchNorm.standard(), h);
    h = head.tf().math.mean(h, head.tf().constant(new int[] {1, 2}), Mean.keepDims(false));
    Operand<TFloat32> logits = head.apply("dense", Dense.of(spec.classes()), h);
    return outputs(head.tf(), logits);
  }

  static ClassifierOutputs outputs(Ops tf, Operand<TFloat32> logits) {
    int last = logits.shape().numDimensions() - 1;
    return new ClassifierOutputs(
        tf.withName("logits").identity(logits),
        tf.withName("probabilities").nn.softmax(logits),
        tf.withName("classes").math.argMax(logits, tf.constant(last)));
  }
}
