package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odenet4j.layers.TfTesting;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Cross-entropy and counts against hand computation: −log softmax of the label's logit, averaged
 * over counted examples; padded tokens (mask 0) change neither the loss nor the counts, whatever
 * their logits and labels.
 */
class ClassificationLossTest {

  private static double xent(double[] logits, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (double l : logits) {
      z += Math.exp(l - max);
    }
    return max + Math.log(z) - logits[label];
  }

  @Test
  void perExampleLogits() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var logits =
          TfTesting.constant(tf, new long[] {3, 3}, new float[] {2, 0, -1, 0.5f, 0.5f, 3, 1, 2, 0});
      var labels = tf.constant(new int[] {0, 2, 0});
      ClassificationLoss l = ClassificationLoss.of(tf, logits, labels, null);
      List<float[]> out =
          TfTesting.run(
              s, TfTesting.feeds(), List.of(), List.of(l.mean(), l.sum(), l.correct(), l.count()));
      double expected =
          (xent(new double[] {2, 0, -1}, 0)
                  + xent(new double[] {0.5, 0.5, 3}, 2)
                  + xent(new double[] {1, 2, 0}, 0))
              / 3;
      assertThat((double) out.get(0)[0]).isCloseTo(expected, within(1e-6));
      assertThat((double) out.get(1)[0]).isCloseTo(3 * expected, within(1e-5));
      assertThat(out.get(2)[0]).isEqualTo(2f); // rows 0 and 1 right, row 2 predicts class 1
      assertThat(out.get(3)[0]).isEqualTo(3f);
    }
  }

  @Test
  void paddedTokensCountForNothing() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // [batch 1, length 3, classes 2]; the last token is padding with a wrong, confident logit
      var logits = TfTesting.constant(tf, new long[] {1, 3, 2}, new float[] {1, 0, 0, 2, 9, -9});
      var labels = tf.constant(new int[][] {{0, 1, 1}});
      var mask = TfTesting.constant(tf, new long[] {1, 3}, new float[] {1, 1, 0});
      ClassificationLoss l = ClassificationLoss.of(tf, logits, labels, mask);
      List<float[]> out =
          TfTesting.run(s, TfTesting.feeds(), List.of(), List.of(l.mean(), l.correct(), l.count()));
      double expected = (xent(new double[] {1, 0}, 0) + xent(new double[] {0, 2}, 1)) / 2;
      assertThat((double) out.get(0)[0]).isCloseTo(expected, within(1e-6));
      assertThat(out.get(1)[0]).isEqualTo(2f);
      assertThat(out.get(2)[0]).isEqualTo(2f);
    }
  }
}
