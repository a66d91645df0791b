package org.odenet4j.cli.predict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.DataType;

/**
 * {@code --table}: predictions for people. A tagger (an output {@code tags}, strings [n, L]): one
 * line per sentence, {@code word/TAG word/TAG …}, padding left out. A classifier (an output {@code
 * probabilities}, else {@code logits}, float [n, classes]): one line per example, {@code #i name
 * (p=0.873), …} with the top k classes, named by the manifest's class names when it has one per
 * class, else by class id.
 */
final class Table {
  static final String TAGS = org.odenet4j.savedmodel.ModelExport.TAGS;
  static final String WORDS = org.odenet4j.models.Models.WORDS;
  static final String PROBABILITIES = "probabilities";
  static final String LOGITS = "logits";

  private Table() {}

  /**
   * The lines of the table.
   *
   * @param outputs the signature's outputs
   * @param inputs what was fed (a tagger's words are printed beside their tags)
   * @param classNames the manifest's class names (empty: use class ids)
   * @param top how many classes per example
   * @param labels a label per example printed after its classes (image file names), or null
   * @throws IllegalArgumentException when the outputs are neither a tagger's nor a classifier's
   */
  static String render(
      Map<String, HostArray> outputs,
      Map<String, HostArray> inputs,
      List<String> classNames,
      int top,
      List<String> labels) {
    HostArray tags = outputs.get(TAGS);
    if (tags != null && tags.dtype() == DataType.DT_STRING && tags.shape().length == 2) {
      HostArray words = inputs.get(WORDS);
      boolean withWords =
          words != null && words.dtype() == DataType.DT_STRING && words.dims().equals(tags.dims());
      return tagger(tags, withWords ? words : null);
    }
    HostArray scores = outputs.get(PROBABILITIES);
    boolean softmax = false;
    if (!isMatrix(scores)) {
      scores = outputs.get(LOGITS);
      softmax = true;
    }
    if (!isMatrix(scores)) {
      List<String> found = new ArrayList<>();
      outputs.forEach(
          (k, v) -> found.add(k + " " + SignatureSpec.dtypeName(v.dtype()) + " " + v.dims()));
      throw new IllegalArgumentException(
          "--table: expected the outputs of a classifier (probabilities or logits, float32 [n,"
              + " classes]) or of a tagger (tags, string [n, length]), found "
              + String.join(", ", found)
              + "; leave out --table for the JSON response");
    }
    return classifier(scores, softmax, classNames, top, labels);
  }

  private static boolean isMatrix(HostArray a) {
    return a != null && a.dtype() == DataType.DT_FLOAT && a.shape().length == 2 && a.shape()[1] > 0;
  }

  private static String tagger(HostArray tags, HostArray words) {
    byte[][] t = (byte[][]) tags.values();
    byte[][] w = words == null ? null : (byte[][]) words.values();
    int rows = (int) tags.shape()[0];
    int length = (int) tags.shape()[1];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      List<String> tokens = new ArrayList<>();
      for (int j = 0; j < length; j++) {
        int k = i * length + j;
        boolean padding = w != null ? w[k].length == 0 : t[k].length == 0;
        if (!padding) {
          String tag = new String(t[k], StandardCharsets.UTF_8);
          tokens.add(w == null ? tag : new String(w[k], StandardCharsets.UTF_8) + "/" + tag);
        }
      }
      sb.append(String.join(" ", tokens)).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String classifier(
      HostArray scores, boolean softmax, List<String> classNames, int top, List<String> labels) {
    float[] s = (float[]) scores.values();
    int rows = (int) scores.shape()[0];
    int classes = (int) scores.shape()[1];
    boolean named = classNames.size() == classes;
    int k = Math.min(top, classes);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      double[] p = new double[classes];
      for (int c = 0; c < classes; c++) {
        p[c] = s[i * classes + c];
      }
      if (softmax) {
        softmax(p);
      }
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        order.add(c);
      }
      // highest first; NaN last; ties: the lower class id first (as argmax)
      order.sort(
          Comparator.<Integer>comparingDouble(
                  c -> Double.isNaN(p[c]) ? Double.NEGATIVE_INFINITY : p[c])
              .reversed()
              .thenComparing(Comparator.naturalOrder()));
      List<String> best = new ArrayList<>();
      for (int r = 0; r < k; r++) {
        int c = order.get(r);
        best.add(
            String.format(
                Locale.ROOT, "%s (p=%.3f)", named ? classNames.get(c) : Integer.toString(c), p[c]));
      }
      sb.append('#').append(i).append("  ").append(String.join(", ", best));
      if (labels != null) {
        sb.append("  [").append(labels.get(i)).append(']');
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static void softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
  }
}
