package org.odenet4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.odenet4j.models.ImageModelSpec;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A paired companion to {@link BasisOverheadBenchmark} and {@link TrainStepBenchmark} for a noisy
 * shared VM: the ODE model and the hand-built ResNet (identical weights, same JVM) are timed in
 * alternating rounds (ABBA order), each round {@code calls} calls of each, and the ratio
 * odeNet/handBuilt is taken per round, so load drifting during the run hits both sides alike.
 * Prints one JSON line per case with the median per-call times and the median and quartiles of the
 * per-round ratios.
 *
 * <pre>
 *   PairedLatency [--batch 128,1] [--n 16] [--rounds 30] [--round-ms 400] [--warmup 10] [--train] [--train-rounds 12]
 * </pre>
 */
public final class PairedLatency {
  private PairedLatency() {}

  public static void main(String[] args) {
    int[] batches = {128, 1};
    int n = 16;
    int rounds = 30;
    int trainRounds = 12;
    double roundMs = 400;
    int warmup = 10;
    boolean train = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--batch" ->
            batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--train-rounds" -> trainRounds = Integer.parseInt(args[++i]);
        case "--round-ms" -> roundMs = Double.parseDouble(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--train" -> train = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ImageModelSpec spec = OdeModel.spec(n, n, n);
    for (int batch : batches) {
      try (OdeModel ode = OdeModel.inference(spec, 1);
          HandBuiltModel hand = HandBuiltModel.inferenceLike(ode);
          TFloat32 x = BenchInputs.images(spec, batch, 2)) {
        double delta =
            BenchInputs.requireSame(
                BenchInputs.inferAll(ode.session, ode.images, ode.logits, x),
                BenchInputs.inferAll(hand.session, hand.images, hand.logits, x),
                1e-4,
                "hand-built vs ODE logits");
        report(
            "inference",
            batch,
            n,
            delta,
            rounds,
            roundMs,
            warmup,
            () -> BenchInputs.infer(ode.session, ode.images, ode.logits, x),
            () -> BenchInputs.infer(hand.session, hand.images, hand.logits, x));
      }
    }
    if (train) {
      int batch = 128;
      try (OdeModel ode = OdeModel.training(spec, 1);
          HandBuiltModel hand = HandBuiltModel.trainingLike(ode);
          TFloat32 x = BenchInputs.images(spec, batch, 2);
          TInt32 y = BenchInputs.labels(spec, batch, 3);
          TFloat32 lr = TFloat32.scalarOf(0.01f);
          TFloat32 step = TFloat32.scalarOf(1f)) {
        report(
            "train_step",
            batch,
            n,
            Double.NaN,
            trainRounds,
            0,
            2,
            () -> {
              try (Result r =
                  ode.session
                      .runner()
                      .feed(ode.images, x)
                      .feed(ode.labels, y)
                      .feed(ode.step.learningRate(), lr)
                      .feed(ode.step.step(), step)
                      .addTarget(ode.step.target())
                      .fetch(ode.loss.mean())
                      .run()) {
                return ((TFloat32) r.get(0)).getFloat();
              }
            },
            () -> {
              try (Result r =
                  hand.session
                      .runner()
                      .feed(hand.images, x)
                      .feed(hand.labels, y)
                      .feed(hand.training.learningRate(), lr)
                      .addTarget(hand.training.target())
                      .fetch(hand.training.loss().mean())
                      .run()) {
                return ((TFloat32) r.get(0)).getFloat();
              }
            });
      }
    }
  }

  private static void report(
      String what,
      int batch,
      int n,
      double delta,
      int rounds,
      double roundMs,
      int warmup,
      DoubleSupplier ode,
      DoubleSupplier hand) {
    double sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < warmup; i++) {
      sink += ode.getAsDouble() + hand.getAsDouble();
    }
    double perPair = (System.nanoTime() - t0) / 1e6 / Math.max(1, warmup);
    int calls =
        roundMs <= 0 ? 1 : (int) Math.max(1, Math.round(roundMs / Math.max(perPair / 2, 1e-3)));
    List<Double> odeMs = new ArrayList<>();
    List<Double> handMs = new ArrayList<>();
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double a;
      double b;
      if (r % 2 == 0) {
        a = time(ode, calls);
        b = time(hand, calls);
      } else {
        b = time(hand, calls);
        a = time(ode, calls);
      }
      odeMs.add(a);
      handMs.add(b);
      ratios[r] = a / b;
      sink += a + b;
    }
    Arrays.sort(ratios);
    System.out.printf(
        "{\"case\":\"%s\",\"batch\":%d,\"k\":%d,\"n\":%d,\"rounds\":%d,\"calls_per_round\":%d,\"logits_max_delta\":%s,"
            + "\"ode_median_ms\":%.3f,\"handbuilt_median_ms\":%.3f,\"ratio_median\":%.4f,\"ratio_q1\":%.4f,\"ratio_q3\":%.4f,"
            + "\"ratio_min\":%.4f,\"ratio_max\":%.4f,\"sink\":%.3g}%n",
        what,
        batch,
        n,
        n,
        rounds,
        calls,
        Double.isNaN(delta) ? "null" : String.format("%.3g", delta),
        median(odeMs),
        median(handMs),
        quantile(ratios, 0.5),
        quantile(ratios, 0.25),
        quantile(ratios, 0.75),
        ratios[0],
        ratios[ratios.length - 1],
        sink);
  }

  /** Mean milliseconds per call over {@code calls} calls. */
  private static double time(DoubleSupplier f, int calls) {
    double sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink += f.getAsDouble();
    }
    double ms = (System.nanoTime() - t0) / 1e6 / calls;
    return Double.isNaN(sink) ? ms : ms; // keep the calls observable
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return quantile(a, 0.5);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
