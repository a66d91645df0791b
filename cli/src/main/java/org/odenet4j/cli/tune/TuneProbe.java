package org.odenet4j.cli.tune;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.nativelib.NativeJob;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.train.ClassificationLoss;
import org.odenet4j.train.OptimizerSpec;
import org.odenet4j.train.TrainStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One measurement of {@code odenet tune}, run in a JVM of its own so that TensorFlow reads the
 * oneDNN setting under test (and so a native crash under one setting only loses that setting):
 *
 * <pre>{@code java -cp … org.odenet4j.cli.tune.TuneProbe JOB WIDTH BASIS STEPS BATCH WARMUP CALLS}
 * </pre>
 *
 * <p>Builds the image classifier of the JMH benchmarks (28×28×1, {@code WIDTH}, Euler, ε = {@code
 * STEPS}, seeded), then times {@code CALLS} session runs after {@code WARMUP}: the inference head
 * for {@code inference}, the training head with one SGD Nesterov step for {@code training}. Prints
 * one line, {@code median_ms=<ms>}, on stdout. With {@code saved-model}: the version {@code DIR}
 * loaded as TensorFlow Serving loads it ({@code SavedModelBundle}, tag {@code serve}) and its
 * signature that takes numbers ({@code serving_default}, or {@code tokens} for a tagger whose
 * default takes words) called with a seeded batch.
 */
public final class TuneProbe {
  private TuneProbe() {}

  public static void main(String[] args) {
    if (args.length == 5 && args[0].equals("saved-model")) {
      double ms =
          SavedModelProbe.median(
              java.nio.file.Path.of(args[1]),
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]));
      System.out.println("median_ms=" + ms);
      return;
    }
    if (args.length != 7) {
      System.err.println(
          "usage: TuneProbe inference|training WIDTH BASIS STEPS BATCH WARMUP CALLS");
      System.exit(2);
    }
    NativeJob job = NativeJob.ofKey(args[0]);
    int steps = Integer.parseInt(args[3]);
    ImageModelSpec spec =
        ImageModelSpec.of(
            28,
            28,
            1,
            Integer.parseInt(args[1]),
            10,
            new OdeBlockSpec(args[2], steps, "euler", steps, CoefficientInit.IDENTICAL));
    double ms =
        median(
            job,
            spec,
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]),
            Integer.parseInt(args[6]));
    System.out.println("median_ms=" + ms);
  }

  /** Median wall time of one session run, in ms. */
  static double median(NativeJob job, ImageModelSpec spec, int batch, int warmup, int calls) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1).withoutLoggedWarnings();
      @SuppressWarnings("unchecked")
      Placeholder<TFloat32> images = (Placeholder<TFloat32>) Models.input(tf, spec);
      boolean training = job == NativeJob.TRAINING;
      Placeholder<TInt32> labels = training ? ClassificationLoss.labels(tf) : null;
      LayerContext root =
          LayerContext.root(
              registry, training ? Mode.TRAIN : Mode.INFER, training ? "train" : "serve");
      Operand<TFloat32> logits = Models.build(root, spec, images).logits();
      Operand<TFloat32> fetch = logits;
      TrainStep step = null;
      if (training) {
        ClassificationLoss loss = ClassificationLoss.of(root.tf(), logits, labels, null);
        step =
            TrainStep.build(
                g,
                registry,
                loss.mean(),
                new OptimizerSpec.SgdMomentum(0.9, true, 5e-4),
                root.updates());
        fetch = loss.mean();
      }
      try (Session session = new Session(g);
          TFloat32 x = images(batch);
          TInt32 y =
              TInt32.tensorOf(Shape.of(batch), DataBuffers.of(new int[batch], false, false));
          TFloat32 lr = TFloat32.scalarOf(0.01f);
          TFloat32 one = TFloat32.scalarOf(1f)) {
        session.initialize();
        double[] t = new double[calls];
        for (int i = -warmup; i < calls; i++) {
          long t0 = System.nanoTime();
          Session.Runner r = session.runner().feed(images, x).fetch(fetch);
          if (step != null) {
            r.feed(labels, y).feed(step.learningRate(), lr).feed(step.step(), one);
            r.addTarget(step.target());
          }
          try (Result res = r.run()) {
            // the fetched tensor is closed with the result
          }
          if (i >= 0) {
            t[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        return median(t);
      }
    }
  }

  /** The median of {@code t} (sorted in place). */
  static double median(double[] t) {
    Arrays.sort(t);
    int n = t.length;
    return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
  }

  private static TFloat32 images(int batch) {
    float[] v = new float[batch * 28 * 28];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextDouble();
    }
    return TFloat32.tensorOf(Shape.of(batch, 28, 28, 1), DataBuffers.of(v, true, false));
  }
}
