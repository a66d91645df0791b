package org.odenet4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * Issue 6/8, "no leak": loads an exported image SavedModel with {@code SavedModelBundle} and runs
 * single-image inferences through its {@code serving_default} signature, each with a fresh input
 * tensor and every tensor and {@code Result} closed, as a server would. Prints VmRSS (and the peak,
 * VmHWM) from {@code /proc/self/status} after load, after {@code --first} (1,000) and after {@code
 * --inferences} (10,000) inferences, the growth between the two, and the median and p95 latency of
 * each block of calls. Target: RSS after 10,000 within 5 % of RSS after 1,000.
 *
 * <pre>
 *   RssLeakCheck VERSION_DIR [--inferences 10000] [--first 1000] [--via function|session]
 * </pre>
 *
 * {@code --via session} feeds {@code bundle.session()} directly instead of {@code
 * SessionFunction.call} (which in TF Java 1.1.0 allocates one small string tensor per call that it
 * never closes). Exit status 0 always; the verdict is printed ({@code "pass":true|false}).
 */
public final class RssLeakCheck {
  private RssLeakCheck() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println(
          "usage: RssLeakCheck VERSION_DIR [--inferences N] [--first M] [--via function|session]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int total = 10_000;
    int first = 1_000;
    String via = "function";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--inferences" -> total = Integer.parseInt(args[++i]);
        case "--first" -> first = Integer.parseInt(args[++i]);
        case "--via" -> via = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (first < 1 || total <= first || !(via.equals("function") || via.equals("session"))) {
      throw new IllegalArgumentException(
          "expected 1 <= --first < --inferences and --via function|session");
    }
    long beforeLoad = Rss.currentKiB();
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), Exporter.TAG)) {
      SessionFunction fn = bundle.function(Exporter.SIGNATURE_KEY);
      var sig = bundle.metaGraphDef().getSignatureDefOrThrow(Exporter.SIGNATURE_KEY);
      String inputKey = sig.getInputsMap().keySet().iterator().next();
      TensorInfo in = sig.getInputsOrThrow(inputKey);
      String inputTensor = in.getName();
      String logitsTensor = sig.getOutputsOrThrow(ModelExport.LOGITS).getName();
      long[] shape =
          in.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
      shape[0] = 1;
      int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      float[] image = new float[size];
      SplittableRandom random = new SplittableRandom(7);
      long afterLoad = Rss.currentKiB();
      System.out.printf(
          "{\"event\":\"loaded\",\"model\":\"%s\",\"via\":\"%s\",\"input\":\"%s\",\"shape\":%s,"
              + "\"rss_before_load_kib\":%d,\"rss_after_load_kib\":%d}%n",
          dir, via, inputKey, Arrays.toString(shape), beforeLoad, afterLoad);
      double[] millis = new double[total];
      long rssFirst = -1;
      double checksum = 0;
      int blockStart = 0;
      for (int i = 0; i < total; i++) {
        for (int j = 0; j < size; j++) {
          image[j] = (float) random.nextGaussian();
        }
        long t0 = System.nanoTime();
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(image, true, false))) {
          if (via.equals("function")) {
            try (Result r = fn.call(Map.of(inputKey, x))) {
              checksum += ((TFloat32) r.get(ModelExport.LOGITS).orElseThrow()).getFloat(0, 0);
            }
          } else {
            try (Result r =
                bundle.session().runner().feed(inputTensor, x).fetch(logitsTensor).run()) {
              checksum += ((TFloat32) r.get(0)).getFloat(0, 0);
            }
          }
        }
        millis[i] = (System.nanoTime() - t0) / 1e6;
        int done = i + 1;
        if (done == first || done == total) {
          long rss = Rss.currentKiB();
          if (done == first) {
            rssFirst = rss;
          }
          double[] block = Arrays.copyOfRange(millis, blockStart, done);
          Arrays.sort(block);
          System.out.printf(
              "{\"event\":\"after\",\"inferences\":%d,\"rss_kib\":%d,\"peak_rss_kib\":%d,"
                  + "\"block_median_ms\":%.3f,\"block_p95_ms\":%.3f}%n",
              done,
              rss,
              Rss.peakKiB(),
              block[block.length / 2],
              block[(int) Math.min(block.length - 1, Math.ceil(0.95 * block.length) - 1)]);
          blockStart = done;
        }
      }
      long rssLast = Rss.currentKiB();
      double growth = rssFirst > 0 ? (rssLast - rssFirst) * 100.0 / rssFirst : Double.NaN;
      System.out.printf(
          "{\"event\":\"verdict\",\"rss_after_%d_kib\":%d,\"rss_after_%d_kib\":%d,\"growth_percent\":%.2f,"
              + "\"peak_rss_kib\":%d,\"limit_percent\":5,\"pass\":%b,\"checksum\":%.4g}%n",
          first, rssFirst, total, rssLast, growth, Rss.peakKiB(), growth <= 5.0, checksum);
    }
  }
}
