package org.odenet4j.models;

import java.util.List;
import java.util.function.UnaryOperator;
import org.odenet4j.layers.Activation;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * The reference's image classifier (digest §8.1): stem Conv3×3(w) → BN → act; then three stages of
 * stitch + ODE block of {@code ConvResidualUnit}s at widths w, 2w, 4w (the stitches have strides 1,
 * 2, 2); final BN (no activation) → global average pool → Dense(classes). Parameters for a 32×32×3
 * input, w = 16, 10 classes: 78,074 + 97,216·K.
 *
 * @param input [height, width, channels]
 * @param width w, the first stage's channel count
 * @param classes output classes
 * @param activation relu (the reference's main branch) or gelu (its submission-era branch)
 * @param blocks the three ODE blocks' discretisations
 * @param stitchEpsilon ε_s, the stitches' residual scaling (1, or 1/16 for the reference's
 *     refinement runs)
 */
public record ImageModelSpec(
    List<Integer> input,
    int width,
    int classes,
    String activation,
    List<OdeBlockSpec> blocks,
    double stitchEpsilon)
    implements ModelSpec {

  public ImageModelSpec {
    if (input == null || input.size() != 3 || input.stream().anyMatch(d -> d == null || d < 1)) {
      throw new IllegalArgumentException(
          "image input: expected [height, width, channels] >= 1, found " + input);
    }
    if (width < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "image model: expected width >= 1 and classes >= 2, found " + width + ", " + classes);
    }
    activation = Activation.byName(activation).label();
    if (blocks == null || blocks.size() != 3) {
      throw new IllegalArgumentException(
          "image model blocks: expected 3 ODE block specs, found "
              + (blocks == null ? 0 : blocks.size()));
    }
    if (blocks.stream()
        .anyMatch(b -> b == null)) { // List.copyOf below would throw a bare NullPointerException
      throw new IllegalArgumentException(
          "image model blocks: expected 3 ODE block specs, found " + blocks);
    }
    if (!(stitchEpsilon > 0) || Double.isInfinite(stitchEpsilon)) {
      throw new IllegalArgumentException(
          "stitch epsilon: expected a finite number > 0, found " + stitchEpsilon);
    }
    input = List.copyOf(input);
    blocks = List.copyOf(blocks);
  }

  /** All three blocks share {@code block}; relu; stitch ε = 1. */
  public static ImageModelSpec of(
      int height, int widthPx, int channels, int width, int classes, OdeBlockSpec block) {
    return new ImageModelSpec(
        List.of(height, widthPx, channels),
        width,
        classes,
        "relu",
        List.of(block, block, block),
        1.0);
  }

  /** The reference CIFAR shape: 32×32×3, width 16, 10 classes, Euler, ε = 1. */
  public static ImageModelSpec cifar(String basis, int steps) {
    return of(
        32, 32, 3, 16, 10, new OdeBlockSpec(basis, steps, "euler", 1.0, CoefficientInit.IDENTICAL));
  }

  @Override
  public List<OdeBlockSpec> odeBlocks() {
    return blocks;
  }

  @Override
  public ImageModelSpec mapBlocks(UnaryOperator<OdeBlockSpec> change) {
    return new ImageModelSpec(
        input, width, classes, activation, blocks.stream().map(change).toList(), stitchEpsilon);
  }
}
