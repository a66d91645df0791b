package org.odenet4j.cli.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.compress.DataScoring;
import org.odenet4j.cli.train.TrainCommand;
import org.odenet4j.compression.CompressionPlan;
import org.odenet4j.compression.CompressionReport;
import org.odenet4j.compression.CompressionResult;
import org.odenet4j.compression.Compressor;
import org.odenet4j.compression.ModelScorer;
import org.odenet4j.compression.Plots;
import org.odenet4j.compression.Sweep;
import org.odenet4j.compression.SweepResult;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.data.ImageSource;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Checksums;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.train.ModelTraining;
import org.odenet4j.train.Trainer;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.train.TrainingData;
import org.odenet4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odenet demo [--data embedded|fashion-mnist] [--out DIR]}: trains the reference image
 * ODE-Net (width 16, piecewise_constant, Euler) with refinement K = N = 1 → 2 → 4 → 8 → 16 on the
 * embedded Fashion-MNIST subset, exports version 1 under {@code DIR/models/fashion}, compresses it
 * (fewer basis functions, fewer steps, both, and by tolerance) into further versions, evaluates
 * each, sweeps K × N for a plot, and writes {@code DIR/report.md} with the table, the plots, the
 * TensorFlow Serving command and a sample REST request. Every version is published atomically, so
 * Ctrl-C never leaves half a model; a second run adds new versions.
 */
@Command(
    name = "demo",
    description =
        "Train, export, compress and evaluate an image ODE-Net in a few minutes; writes a report.")
public final class DemoCommand implements Runnable {
  /** Model name for TensorFlow Serving. */
  public static final String MODEL_NAME = "fashion";

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = "embedded",
      description =
          "embedded (6,000/1,000 images, minutes) or fashion-mnist (the full set, about an hour) (default: ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--out",
      defaultValue = "odenet-demo",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--width",
      defaultValue = "16",
      description = "Model width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--epochs",
      defaultValue = "8",
      description =
          "Epochs; K and N double before epochs 2, 3, 6 and 8 of 8 (scaled for other counts) (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "auto, live, lines or none (default: ${DEFAULT-VALUE}).")
  String progress;

  /** One row of the demo table. */
  record Row(
      String what,
      long version,
      String basis,
      String k,
      int steps,
      String scheme,
      long parameters,
      long bytes,
      double accuracy,
      double latencyMs,
      double relativeError) {}

  @Override
  public void run() {
    PrintWriter o = spec.commandLine().getOut();
    long started = System.nanoTime();
    Args.Progress live =
        Args.progress(progress, spec.commandLine().getErr()); // bad flags fail before any work
    ImageData images = load();
    o.println("data:  " + images.source());
    if (data.equals("embedded") && ImageData.isInstalled(ImageData.FASHION_MNIST_DIR)) {
      o.println(
          "       (full Fashion-MNIST is installed: `odenet demo --data fashion-mnist` trains on all 60,000 images, about an hour)");
    }
    Path base = out.resolve("models").resolve(MODEL_NAME).toAbsolutePath().normalize();
    o.println("model base: " + base);
    o.flush();

    // 1. train with refinement, export version 1
    ImageModelSpec model =
        new ImageModelSpec(
            List.of(28, 28, 1), width, 10, "relu", List.of(block(), block(), block()), 1.0 / 16);
    List<Integer> refine = refineEpochs(epochs);
    TrainerConfig config =
        TrainerConfig.builder()
            .epochs(epochs)
            .batchSize(128)
            .learningRate(0.1)
            .schedule("cosine")
            .seed(seed)
            .validationFraction(0.1)
            .refineAt(refine)
            .evalBatchSize(500)
            .metricsLog(out.resolve("train-metrics.jsonl"))
            .progress(live.out(), live.live())
            .build();
    o.println(
        String.format(
            Locale.ROOT,
            "training: width %d, piecewise_constant, Euler, K = N = 1 doubling before epochs %s of %d;"
                + " SGD Nesterov, lr 0.1 cosine, weight decay 5e-4, batch 128",
            width,
            refine,
            epochs));
    o.flush();
    TrainingResult trained =
        new Trainer(config)
            .train(
                ModelTraining.of(model),
                TrainingData.images(images.train(), ImageAugmentation.none()));
    ImageModelSpec finalSpec = (ImageModelSpec) ModelTraining.trainedSpec(model, trained.last());
    ExportResult v1 =
        TrainCommand.export(
            base,
            finalSpec,
            trained.last().values(),
            null,
            ImageData.FASHION_MNIST_CLASSES,
            null,
            "odenet demo: trained",
            trained.last().training());
    o.println("exported " + v1.directory());
    o.flush();

    // 2. evaluate and compress
    EvaluationData test = new EvaluationData.Images(images.test());
    ModelScorer scorer = DataScoring.scorer(test, 128);
    ModelScorer.Score source = scorer.score(v1.directory());
    int k = finalSpec.blocks().get(0).basis().size();
    int n = finalSpec.blocks().get(0).steps();
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "trained",
            v1.version(),
            "piecewise_constant:" + k,
            Integer.toString(k),
            n,
            "euler",
            v1.manifest().trainableParameters(),
            Checksums.treeBytes(v1.directory()),
            source.accuracy(),
            source.latencyMsP50(),
            0));
    CompressionResult weights = null;
    for (Variant v : variants(k, n)) {
      CompressionResult r =
          Compressor.of(v.plan()).scorer(scorer).sourceScore(source).compress(v1.directory(), base);
      CompressionReport rep = r.report();
      if (weights == null && v.plan().tolerance() == null) {
        weights = r;
      }
      var b = rep.blocks().get(0).target();
      List<String> perBlockK =
          rep.blocks().stream().map(x -> Integer.toString(x.target().k())).toList();
      String kText =
          perBlockK.stream().distinct().count() == 1
              ? perBlockK.get(0)
              : String.join("/", perBlockK);
      String basisText =
          rep.blocks().stream()
                  .map(x -> x.target().basis().replaceAll(":\\d+$", ""))
                  .distinct()
                  .reduce((x, y) -> x + "," + y)
                  .orElse(b.basis())
              + (perBlockK.stream().distinct().count() == 1 ? ":" + kText : " (per block)");
      CompressionReport.Evaluation e = rep.evaluation();
      rows.add(
          new Row(
              v.label(),
              rep.outcome().version(),
              basisText,
              kText,
              b.steps(),
              b.scheme(),
              rep.totals().parameters().after(),
              rep.totals().bytes().after(),
              e.accuracy().after(),
              e.latency().p50After(),
              rep.worstRelativeError()));
      o.println(
          String.format(
              Locale.ROOT,
              "compressed → %s (%s): accuracy %.4f → %.4f",
              r.output(),
              v.label(),
              e.accuracy().before(),
              e.accuracy().after()));
      o.flush();
    }

    // 3. sweep K × N for the plot (temporary versions, not kept)
    int maxK = k;
    List<Integer> ks = new ArrayList<>();
    for (int kk = maxK; kk >= 2; kk /= 2) {
      ks.add(kk);
    }
    List<Integer> ns = new ArrayList<>();
    for (int nn = n; nn >= Math.max(1, n / 4); nn /= 2) {
      ns.add(nn);
    }
    SweepResult sweep =
        Sweep.create().sizes(ks).steps(ns).scorer(scorer).sourceScore(source).run(v1.directory());
    Path sweepPng = out.resolve("sweep.png");
    Path weightsPng = out.resolve("weights.png");
    Plots.sweep(sweep, sweepPng);
    if (weights != null && !weights.traces().isEmpty()) {
      Plots.weights(weights.traces(), weightsPng);
    }

    // 4. table, report, serving
    String table = table(rows);
    o.println();
    o.println(table);
    Path request = writeRequest(images.test());
    Path bytesRequest = writeBytesRequest(images.test());
    String serve =
        "tensorflow_model_server --rest_api_port=8501 --model_name="
            + MODEL_NAME
            + " --model_base_path="
            + base;
    String curl =
        "curl -s -d @"
            + request.toAbsolutePath().normalize()
            + " http://localhost:8501/v1/models/"
            + MODEL_NAME
            + ":predict";
    Path report =
        writeReport(
            images.source(), table, sweep, serve, curl, (System.nanoTime() - started) / 1e9);
    o.println();
    o.println(
        "report:  "
            + report.toAbsolutePath().normalize()
            + " (plots "
            + sweepPng.getFileName()
            + ", "
            + weightsPng.getFileName()
            + ")");
    o.println("serve:   " + serve);
    o.println(
        "         (TensorFlow Serving serves the highest version, "
            + rows.get(rows.size() - 1).version()
            + "; pin one with a model config file's model_version_policy)");
    o.println("request: " + curl);
    o.println(
        "         the same image as a PNG file (signature image_bytes, TensorFlow Serving's b64): "
            + curl.replace(
                request.toAbsolutePath().normalize().toString(),
                bytesRequest.toAbsolutePath().normalize().toString()));
    o.println(String.format(Locale.ROOT, "done in %.0f s", (System.nanoTime() - started) / 1e9));
  }

  private static OdeBlockSpec block() {
    return new OdeBlockSpec("piecewise_constant:1", 1, "euler", 1.0, CoefficientInit.IDENTICAL);
  }

  /** Splits before epochs 2, 3, 6, 8 of 8; scaled to other epoch counts (at most 4 splits). */
  static List<Integer> refineEpochs(int epochs) {
    if (epochs == 8) {
      return List.of(2, 3, 6, 8);
    }
    List<Integer> out = new ArrayList<>();
    for (int at : new int[] {2, 3, 6, 8}) {
      int e = Math.max(2, (int) Math.round(at * epochs / 8.0));
      if (e <= epochs && !out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** One compression of the demo. */
  record Variant(String label, CompressionPlan plan) {}

  static List<Variant> variants(int k, int n) {
    List<Variant> v = new ArrayList<>();
    if (k >= 2) {
      v.add(
          new Variant("fewer basis functions", CompressionPlan.to("piecewise_constant:" + k / 2)));
    }
    if (n >= 2) {
      v.add(new Variant("fewer steps", CompressionPlan.keep().withSteps(n / 2)));
    }
    if (k >= 2 && n >= 2) {
      v.add(
          new Variant("both", CompressionPlan.to("piecewise_constant:" + k / 2).withSteps(n / 2)));
    }
    if (k >= 4) {
      v.add(
          new Variant(
              "K/4, RK4 at N/2",
              CompressionPlan.to("piecewise_constant:" + k / 4)
                  .withSteps(Math.max(1, n / 4))
                  .withScheme("rk4")));
    }
    v.add(new Variant("tolerance 0.02", CompressionPlan.keep().withTolerance(0.02)));
    return v;
  }

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| version | what | basis | K | N | scheme | parameters | bytes | rel. L2 error | accuracy | latency p50 (ms, batch 128) |\n");
    sb.append("|--:|---|---|--:|--:|---|--:|--:|--:|--:|--:|\n");
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %d | %s | %,d | %,d | %.4f | %.4f | %.1f |%n",
              r.version(),
              r.what(),
              r.basis(),
              r.k(),
              r.steps(),
              r.scheme(),
              r.parameters(),
              r.bytes(),
              r.relativeError(),
              r.accuracy(),
              r.latencyMs()));
    }
    return sb.toString().stripTrailing();
  }

  private Path writeRequest(ImageDataset test) {
    float[] x = test.batch(new int[] {0});
    StringBuilder sb =
        new StringBuilder("{\"signature_name\":\"serving_default\",\"instances\":[{\"images\":[");
    for (int y = 0; y < test.height(); y++) {
      sb.append(y == 0 ? "[" : ",[");
      for (int c = 0; c < test.width(); c++) {
        sb.append(c == 0 ? "" : ",")
            .append('[')
            .append(String.format(Locale.ROOT, "%.4f", x[y * test.width() + c]))
            .append(']');
      }
      sb.append(']');
    }
    sb.append("]}]}\n");
    return writeAtomically(out.resolve("request.json"), sb.toString());
  }

  /**
   * The first test image as a PNG file for the {@code image_bytes} signature, in TensorFlow
   * Serving's REST form for binary strings: {@code {"b64": …}}.
   */
  private Path writeBytesRequest(ImageDataset test) {
    float[] x = test.batch(new int[] {0});
    BufferedImage png =
        new BufferedImage(test.width(), test.height(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < test.height(); y++) {
      for (int c = 0; c < test.width(); c++) {
        png.getRaster().setSample(c, y, 0, Math.round(x[y * test.width() + c] * 255));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(png, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return writeAtomically(
        out.resolve("request-b64.json"),
        "{\"signature_name\":\"image_bytes\",\"instances\":[{\"b64\":\""
            + Base64.getEncoder().encodeToString(bytes.toByteArray())
            + "\"}]}\n");
  }

  private Path writeReport(
      String source, String table, SweepResult sweep, String serve, String curl, double seconds) {
    String md =
        "# odenet demo report\n\n"
            + "Data: "
            + source
            + ". Wall time: "
            + String.format(Locale.ROOT, "%.0f s", seconds)
            + ".\n\n"
            + "Trained with refinement training (K = N doubled by exact split refinement), then compressed offline"
            + " by exact L2 projection of every ODE-block coefficient (parameters and continuous-BN statistics),"
            + " without data or retraining. Accuracy on the test split; latency per batch of 128 through"
            + " `serving_default`.\n\n"
            + table
            + "\n\n"
            + "## Accuracy against K and N\n\n![accuracy against K and N](sweep.png)\n\n"
            + "```\n"
            + sweep.toTable().strip()
            + "\n```\n\n"
            + "## Weights over depth before and after projection\n\n![weights over depth](weights.png)\n\n"
            + "## Serve it\n\n```bash\n"
            + serve
            + "\n"
            + curl
            + "\n```\n";
    return writeAtomically(out.resolve("report.md"), md);
  }

  private static Path writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".part");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write", e);
    }
  }

  private ImageData load() {
    if (!data.equals("embedded") && !data.equals("fashion-mnist")) {
      throw new IllegalArgumentException(
          "--data: expected embedded or fashion-mnist, found " + data);
    }
    try {
      return ImageData.load(ImageSource.named(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
