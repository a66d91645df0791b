package org.odenet4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6/8, SavedModel bytes: exports each model variant with the project's exporter into {@code
 * OUT/<variant>/1} and prints one JSON line per variant (saved_model.pb, variables data, whole
 * version directory, in bytes). Default variants: the source ode-K16-N16, the compressed ode-K8-N16
 * and ode-K16-N8, and the plain-ResNet ("baked") forms handbuilt-K16-N16 and handbuilt-K8-N16.
 * Existing variant directories are replaced.
 *
 * <pre>
 *   SavedModelFootprint OUT [variant …] [--epsilon 16] [--seed 1]
 * </pre>
 */
public final class SavedModelFootprint {
  /** The variants exported when none are named. */
  public static final List<String> DEFAULT_VARIANTS =
      List.of("ode-K16-N16", "ode-K8-N16", "ode-K16-N8", "handbuilt-K16-N16", "handbuilt-K8-N16");

  private SavedModelFootprint() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SavedModelFootprint OUT [variant …] [--epsilon E] [--seed S]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    double epsilon = 16;
    long seed = 1;
    List<String> variants = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--epsilon" -> epsilon = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> variants.add(args[i]);
      }
    }
    if (variants.isEmpty()) {
      variants.addAll(DEFAULT_VARIANTS);
    }
    Files.createDirectories(out);
    for (String v : variants) {
      Path base = out.resolve(v);
      BenchExports.deleteTree(base);
      long t0 = System.nanoTime();
      Path dir = BenchExports.export(v, epsilon, seed, base);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long pb = BenchExports.fileBytes(dir.resolve("saved_model.pb"));
      long data = BenchExports.treeBytes(dir.resolve("variables"));
      long total = BenchExports.treeBytes(dir);
      System.out.printf(
          "{\"variant\":\"%s\",\"dir\":\"%s\",\"saved_model_pb_bytes\":%d,\"variables_bytes\":%d,\"total_bytes\":%d,\"export_seconds\":%.2f}%n",
          v, dir, pb, data, total, seconds);
    }
  }
}
