package org.odenet4j.cli.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet eval DIR [data flags] [--batch B] [--json]}: accuracy (token accuracy for taggers,
 * padding excluded), loss, examples and per-batch latency p50/p95 of an exported version, run
 * through its {@code serving_default} signature.
 */
@Command(
    name = "eval",
    description = "Accuracy, loss and latency of an exported model on test data.")
public final class EvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A version directory (BASE/N).")
  Path dir;

  @Mixin EvalDataOptions dataOptions;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Examples per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--json",
      description = "Print JSON (keys accuracy, loss, examples, latency_ms_p50, latency_ms_p95).")
  boolean json;

  @Override
  public void run() {
    SavedModels.validate(dir, true); // once, manifest required
    EvaluationData data =
        dataOptions.load(dir, Manifest.read(dir)); // bad data fails before the model loads
    Evaluation ev;
    try (ModelEvaluator evaluator = ModelEvaluator.loadValidated(dir)) {
      ev = evaluator.evaluate(data, batch);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", dir.toString());
      m.put("data", data.source());
      m.putAll(ev.toMap());
      try {
        out.println(new ObjectMapper().writeValueAsString(m));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.println(describe(dir, data, ev));
    }
  }

  /** The human-readable lines of an evaluation. */
  public static String describe(Path dir, EvaluationData data, Evaluation ev) {
    return String.format(
        Locale.ROOT,
        "model     %s%ndata      %s%naccuracy  %.4f (%,d / %,d %s)%nloss      %.4f%nlatency   p50 %.2f ms, p95 %.2f ms per batch of %d",
        dir,
        data.source(),
        ev.accuracy(),
        ev.correct(),
        ev.counted(),
        data instanceof EvaluationData.Sentences ? "tokens" : "examples",
        ev.loss(),
        ev.latencyMsP50(),
        ev.latencyMsP95(),
        ev.batchSize());
  }
}
