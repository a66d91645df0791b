package org.odenet4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.layers.Initializers;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.InferenceGraph;
import org.odenet4j.savedmodel.SignatureOutputs;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The evaluator against closed forms: a served graph whose logits are the three pixels of a 1×3
 * image times a variable s = 2 predicts the brightest pixel, so accuracy and mean cross-entropy
 * follow from the pixel values alone; batching (7 examples in batches of 3) changes nothing.
 */
class ModelEvaluatorTest {

  static Path export(Path base) {
    InferenceGraph graph =
        (tf, reg) -> {
          var x =
              tf.withName("images")
                  .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 3, 1)));
          reg.variable("scale", VariableKind.PARAMETER, new long[0], Initializers.ones());
          var logits =
              tf.math.mul(tf.reshape(x, tf.constant(new long[] {-1, 3})), reg.read("scale"));
          return SignatureOutputs.builder()
              .input("images", x)
              .output("logits", tf.withName("logits").identity(logits))
              .build();
        };
    try (TFloat32 scale = TFloat32.scalarOf(2f)) {
      return Exporter.to(base).graph(graph).values(Map.of("scale", scale)).export().directory();
    }
  }

  @Test
  void accuracyAndLossFromThePixels(@TempDir Path dir) {
    int[][] px = {
      {255, 0, 0}, {0, 255, 0}, {10, 20, 30}, {200, 100, 0}, {0, 0, 255}, {90, 80, 70}, {1, 2, 3}
    };
    int[] labels = {0, 1, 2, 1, 2, 2, 0}; // rows 0, 1, 2, 4 right (argmax = label); 3, 5, 6 wrong
    byte[] pixels = new byte[px.length * 3];
    double loss = 0;
    for (int i = 0; i < px.length; i++) {
      double[] l = new double[3];
      double z = 0;
      for (int c = 0; c < 3; c++) {
        pixels[i * 3 + c] = (byte) px[i][c];
        l[c] = 2 * (px[i][c] / 255.0);
        z += Math.exp(l[c]);
      }
      loss += Math.log(z) - l[labels[i]];
    }
    ImageDataset data = new ImageDataset(pixels, labels, 1, 3, 1, 3, "seven");
    try (ModelEvaluator e = ModelEvaluator.load(export(dir))) {
      Evaluation ev = e.evaluate(new EvaluationData.Images(data), 3);
      assertThat(ev.examples()).isEqualTo(7);
      assertThat(ev.counted()).isEqualTo(7);
      assertThat(ev.correct()).isEqualTo(4);
      assertThat(ev.accuracy()).isEqualTo(4 / 7.0);
      assertThat(ev.loss()).isCloseTo(loss / 7, within(1e-6));
      assertThat(ev.latencyMsP95()).isGreaterThanOrEqualTo(ev.latencyMsP50()).isPositive();
      Evaluation one = e.evaluate(new EvaluationData.Images(data), 7);
      assertThat(one.correct()).isEqualTo(4);
      assertThat(one.loss()).isCloseTo(ev.loss(), within(1e-12));
    }
  }

  @Test
  void refusesALabelOutsideTheClasses(@TempDir Path dir) {
    ImageDataset data = new ImageDataset(new byte[] {1, 2, 3}, new int[] {3}, 1, 3, 1, 4, "bad");
    try (ModelEvaluator e = ModelEvaluator.load(export(dir))) {
      assertThatThrownBy(() -> e.evaluate(new EvaluationData.Images(data), 1))
          .hasMessage("bad: label: expected a class in [0, 3), found 3");
    }
  }

  @Test
  void nearestRankPercentiles() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(ModelEvaluator.percentile(sorted, 50)).isEqualTo(5);
    assertThat(ModelEvaluator.percentile(sorted, 95)).isEqualTo(10);
    assertThat(ModelEvaluator.percentile(new double[] {4}, 95)).isEqualTo(4);
  }
}
