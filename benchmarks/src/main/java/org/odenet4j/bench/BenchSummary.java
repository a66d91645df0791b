package org.odenet4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the outputs of {@code benchmarks/run-all.sh} in one directory ({@code jmh-result.json},
 * {@code paired.jsonl}, {@code footprint.jsonl}, {@code rss-*.jsonl}, {@code scaling.jsonl}) into
 * Markdown tables for BENCHMARKS.md, with the ratios and limits. Missing files are skipped.
 *
 * <pre>
 *   BenchSummary OUT_DIR
 * </pre>
 */
public final class BenchSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchSummary() {}

  record Score(double score, double error, String unit) {
    String text() {
      return Double.isNaN(error)
          ? String.format(Locale.ROOT, "%.3f %s", score, unit)
          : String.format(Locale.ROOT, "%.3f ± %.3f %s", score, error, unit);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchSummary OUT_DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    StringBuilder md = new StringBuilder();
    Path jmh = dir.resolve("jmh-result.json");
    if (Files.exists(jmh)) {
      Map<String, Score> s = scores(JSON.readTree(jmh.toFile()));
      overhead(md, s);
      train(md, s);
      compression(md, s);
      served(md, s);
    }
    List<JsonNode> paired = lines(dir.resolve("paired.jsonl"));
    if (!paired.isEmpty()) {
      md.append("\n### Paired rounds (ABBA, same JVM), ratio odeNet / handBuilt\n\n")
          .append(
              "| case | batch | ODE median | hand-built median | ratio median [q1, q3] | rounds × calls |\n|---|--:|--:|--:|--:|--:|\n");
      for (JsonNode p : paired) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.3f ms | %.3f ms | %.3f [%.3f, %.3f] | %d × %d |%n",
                p.get("case").asText(),
                p.get("batch").asInt(),
                p.get("ode_median_ms").asDouble(),
                p.get("handbuilt_median_ms").asDouble(),
                p.get("ratio_median").asDouble(),
                p.get("ratio_q1").asDouble(),
                p.get("ratio_q3").asDouble(),
                p.get("rounds").asInt(),
                p.get("calls_per_round").asInt()));
      }
    }
    List<JsonNode> footprint = lines(dir.resolve("footprint.jsonl"));
    if (!footprint.isEmpty()) {
      md.append(
          "\n### SavedModel bytes\n\n| variant | saved_model.pb | variables | whole version dir |\n|---|--:|--:|--:|\n");
      for (JsonNode f : footprint) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d |%n",
                f.get("variant").asText(),
                f.get("saved_model_pb_bytes").asLong(),
                f.get("variables_bytes").asLong(),
                f.get("total_bytes").asLong()));
      }
    }
    scaling(md, lines(dir.resolve("scaling.jsonl")));
    try (var files = Files.list(dir)) {
      List<Path> rss =
          files.filter(p -> p.getFileName().toString().matches("rss-.*\\.jsonl")).sorted().toList();
      if (!rss.isEmpty()) {
        md.append("\n### RSS serving single images through SavedModelBundle\n\n")
            .append(
                "| run | RSS after load | RSS after 1st block | RSS after all | growth (limit 5 %) | peak RSS | median / p95 latency, last block |\n")
            .append("|---|--:|--:|--:|--:|--:|--:|\n");
        for (Path p : rss) {
          JsonNode load = null;
          JsonNode verdict = null;
          JsonNode last = null;
          for (JsonNode l : lines(p)) {
            switch (l.get("event").asText()) {
              case "loaded" -> load = l;
              case "verdict" -> verdict = l;
              default -> last = l;
            }
          }
          if (verdict == null || load == null || last == null) {
            md.append("| ").append(p.getFileName()).append(" | incomplete | | | | | |\n");
            continue;
          }
          List<Long> rssValues = new ArrayList<>();
          verdict
              .properties()
              .forEach(
                  e -> {
                    if (e.getKey().startsWith("rss_after_")) {
                      rssValues.add(e.getValue().asLong());
                    }
                  });
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.1f MiB | %.1f MiB | %.1f MiB | %+.2f %% %s | %.1f MiB | %.3f / %.3f ms |%n",
                  p.getFileName().toString().replace(".jsonl", ""),
                  load.get("rss_after_load_kib").asLong() / 1024.0,
                  rssValues.get(0) / 1024.0,
                  rssValues.get(1) / 1024.0,
                  verdict.get("growth_percent").asDouble(),
                  verdict.get("pass").asBoolean() ? "pass" : "**FAIL**",
                  verdict.get("peak_rss_kib").asLong() / 1024.0,
                  last.get("block_median_ms").asDouble(),
                  last.get("block_p95_ms").asDouble()));
        }
      }
    }
    System.out.print(md);
  }

  /** CompressScaling: one row per width, with the growth over the previous (narrower) row. */
  private static void scaling(StringBuilder md, List<JsonNode> rows) {
    if (rows.isEmpty()) {
      return;
    }
    JsonNode first = rows.get(0);
    md.append("\n### Compression cost by model width (")
        .append(first.get("source_basis").asText())
        .append(" → ")
        .append(first.get("target_basis").asText())
        .append(", fresh JVM per run, median of ")
        .append(first.get("runs").asInt())
        .append(")\n\n")
        .append(
            "| width | parameters before → after | variables bytes before → after | wall (JVM incl.) | compressor | peak RSS |"
                + " × parameters | × wall | × compressor | × peak RSS |\n")
        .append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    JsonNode prev = null;
    for (JsonNode r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d → %,d | %,d → %,d | %.2f s | %.2f s | %.1f MiB | %s | %s | %s | %s |%n",
              r.get("width").asInt(),
              r.get("parameters_before").asLong(),
              r.get("parameters_after").asLong(),
              r.get("variables_bytes_before").asLong(),
              r.get("variables_bytes_after").asLong(),
              r.get("wall_seconds_median").asDouble(),
              r.get("compressor_seconds_median").asDouble(),
              r.get("peak_rss_mib_max").asDouble(),
              growth(prev, r, "parameters_before"),
              growth(prev, r, "wall_seconds_median"),
              growth(prev, r, "compressor_seconds_median"),
              growth(prev, r, "peak_rss_mib_max")));
      prev = r;
    }
  }

  private static String growth(JsonNode prev, JsonNode row, String field) {
    return prev == null
        ? ""
        : String.format(
            Locale.ROOT, "%.2f", row.get(field).asDouble() / prev.get(field).asDouble());
  }

  private static void overhead(StringBuilder md, Map<String, Score> s) {
    md.append("\n### Graph overhead at inference (K = N = 16, ε = N), ratio odeNet / handBuilt\n\n")
        .append(
            "| batch | OdeImageClassifier | hand-built ResNet | ratio | limit |\n|--:|--:|--:|--:|--:|\n");
    for (String batch : List.of("128", "1")) {
      Score a = s.get("BasisOverheadBenchmark.odeNet batch=" + batch + " n=16");
      Score b = s.get("BasisOverheadBenchmark.handBuilt batch=" + batch + " n=16");
      if (a != null && b != null) {
        double limit = batch.equals("1") ? 1.10 : 1.03;
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %.3f %s | ≤ %.2f |%n",
                batch,
                a.text(),
                b.text(),
                a.score() / b.score(),
                a.score() / b.score() <= limit ? "" : "(over)",
                limit));
      }
    }
  }

  private static void train(StringBuilder md, Map<String, Score> s) {
    Score a = s.get("TrainStepBenchmark.odeNet batch=128 n=16");
    Score b = s.get("TrainStepBenchmark.handBuilt batch=128 n=16");
    Score g = s.get("TrainStepBenchmark.handBuiltGated batch=128 n=16");
    if (a == null || b == null) {
      return;
    }
    md.append(
            "\n### One training step, batch 128 (SGD Nesterov 0.9, wd 5e-4), ratio odeNet / handBuilt\n\n")
        .append(
            "| OdeImageClassifier + TrainStep | hand-built ResNet | ratio | limit |\n|--:|--:|--:|--:|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.3f | ≤ 1.10 |%n",
                a.text(),
                b.text(),
                a.score() / b.score()));
    if (g != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nHand-built with every update gated on all gradients (deterministic): %s, %.3f × the ungated step.%n",
              g.text(),
              g.score() / b.score()));
    }
  }

  private static void compression(StringBuilder md, Map<String, Score> s) {
    md.append(
        "\n### Compression pay-off at inference (ε = 16)\n\n| batch | K16 N16 | K16 N8 | K8 N16 | N8 / N16 | K8 / K16 |\n|--:|--:|--:|--:|--:|--:|\n");
    for (String batch : List.of("128", "1")) {
      Score base = s.get("CompressionBenchmark.odeNet batch=" + batch + " epsilon=16 kn=16x16");
      Score n8 = s.get("CompressionBenchmark.odeNet batch=" + batch + " epsilon=16 kn=16x8");
      Score k8 = s.get("CompressionBenchmark.odeNet batch=" + batch + " epsilon=16 kn=8x16");
      if (base != null && n8 != null && k8 != null) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.3f | %.3f |%n",
                batch,
                base.text(),
                n8.text(),
                k8.text(),
                n8.score() / base.score(),
                k8.score() / base.score()));
      }
    }
  }

  private static void served(StringBuilder md, Map<String, Score> s) {
    Map<String, Score> rows = new LinkedHashMap<>();
    s.forEach(
        (k, v) -> {
          if (k.startsWith("ServedLatencyBenchmark.call")) {
            rows.put(k.substring("ServedLatencyBenchmark.call ".length()), v);
          }
        });
    if (rows.isEmpty()) {
      return;
    }
    md.append(
        "\n### Served through SavedModelBundle (serving_default call): slicing vs baked weight sets\n\n| params | latency |\n|---|--:|\n");
    rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.text()).append(" |\n"));
  }

  /** "Class.method k1=v1 k2=v2" (params sorted by name) → score. */
  static Map<String, Score> scores(JsonNode results) {
    Map<String, Score> out = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String bench = r.get("benchmark").asText();
      bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      StringBuilder key = new StringBuilder(bench);
      JsonNode params = r.get("params");
      if (params != null) {
        List<String> names = new ArrayList<>();
        params.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String n : names) {
          key.append(' ').append(n).append('=').append(paramText(params.get(n).asText()));
        }
      }
      JsonNode m = r.get("primaryMetric");
      double err = m.get("scoreError").asDouble(Double.NaN);
      out.put(
          key.toString(), new Score(m.get("score").asDouble(), err, m.get("scoreUnit").asText()));
    }
    return out;
  }

  /** JMH writes double params as given ("16"); normalise "16.0" to "16". */
  private static String paramText(String v) {
    return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("{")) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
