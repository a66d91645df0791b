package org.odenet4j.compression;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * PNG plots of a compression, drawn with java.awt (headless): a few weights' θ(t) over depth before
 * and after the change of basis, and a sweep's accuracy (or, without data, relative L2 error)
 * against K, one line per N, one panel per method and scheme. Files are written to a temporary
 * sibling and renamed, so a plot is never half-written.
 */
public final class Plots {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final int SAMPLES = 1001;

  private Plots() {}

  /** θ_A(t) (solid) and θ_B(t) (dashed) of each traced weight, t ∈ [0, 1]. */
  public static void weights(List<WeightTrace> traces, Path png) {
    if (traces.isEmpty()) {
      throw new IllegalArgumentException(
          "weights plot: expected at least one traced weight, found none");
    }
    WeightTrace first = traces.get(0);
    String prefix = commonPrefix(traces);
    Chart chart =
        new Chart(
            "θ(t) over depth before (solid) and after (dashed): "
                + (prefix.isEmpty() ? "" : prefix + "…, ")
                + first.from().spec()
                + " → "
                + first.to().spec(),
            "depth t",
            "θ(t)",
            false);
    double[] t = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      t[i] = (double) i / (SAMPLES - 1);
    }
    for (int w = 0; w < traces.size(); w++) {
      WeightTrace tr = traces.get(w);
      double[] before = new double[SAMPLES];
      double[] after = new double[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        before[i] = tr.valueBefore(t[i]);
        after[i] = tr.valueAfter(t[i]);
      }
      Color c = Chart.PALETTE[w % Chart.PALETTE.length];
      String name = tr.variable().substring(prefix.length()) + "[" + tr.index() + "]";
      chart.add(new Chart.Series(name + " before", t, before, c, false, false));
      chart.add(new Chart.Series(name + " after", t, after, c, true, false));
    }
    write(png, 900, 520, (g, w, h) -> chart.draw(g, 0, 0, w, h));
  }

  /** The common '/'-separated prefix of the traced variables' names, e.g. {@code stage1/block/}. */
  private static String commonPrefix(List<WeightTrace> traces) {
    String p = traces.get(0).variable();
    for (WeightTrace t : traces) {
      while (!t.variable().startsWith(p)) {
        p = p.substring(0, p.length() - 1);
      }
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? "" : p.substring(0, slash + 1);
  }

  /**
   * Accuracy (with data) or the largest block's relative L2 error against K; one line per N; one
   * panel per method × scheme. When the rows give blocks different targets (a sweep with per-block
   * defaults), K and N are the first block's and would not order the rows, so x is then the
   * ODE-block parameter count.
   */
  public static void sweep(SweepResult result, Path png) {
    if (result.rows().isEmpty()) {
      throw new IllegalArgumentException(
          "sweep plot: expected at least one grid point, found none");
    }
    boolean scored = result.scored();
    boolean perBlock = result.rows().stream().anyMatch(SweepResult.Row::perBlock);
    java.util.function.ToDoubleFunction<SweepResult.Row> xOf =
        perBlock ? r -> r.odeParameters() : r -> r.k();
    Set<String> methods = new LinkedHashSet<>();
    Set<String> schemes = new LinkedHashSet<>();
    Set<Integer> steps = new LinkedHashSet<>();
    Set<Integer> ks = new java.util.TreeSet<>();
    for (SweepResult.Row r : result.rows()) {
      methods.add(r.method());
      schemes.add(r.scheme());
      steps.add(r.steps());
      ks.add(r.k());
    }
    double[] ticks = perBlock ? null : ks.stream().mapToDouble(Integer::doubleValue).toArray();
    double xMin = result.rows().stream().mapToDouble(xOf).min().orElseThrow();
    double xMax = result.rows().stream().mapToDouble(xOf).max().orElseThrow();
    boolean log2 =
        !perBlock && ks.stream().allMatch(k -> Integer.bitCount(k) == 1) && ks.size() > 1;
    String xLabel =
        perBlock ? "ODE-block parameters (each block at its own K)" : "K (basis functions)";
    List<Chart> charts = new ArrayList<>();
    for (String m : methods) {
      for (String s : schemes) {
        Chart chart =
            new Chart(
                m + ", " + s,
                xLabel,
                scored ? "accuracy" : "relative L2 error of θ (no data: same for every N)",
                log2);
        if (ticks != null) {
          chart.xTicks(ticks);
        }
        int i = 0;
        for (int n : steps) {
          List<SweepResult.Row> line =
              result.rows().stream()
                  .filter(r -> r.method().equals(m) && r.scheme().equals(s) && r.steps() == n)
                  .sorted(java.util.Comparator.comparingDouble(xOf))
                  .toList();
          double[] x = line.stream().mapToDouble(xOf).toArray();
          double[] y =
              line.stream().mapToDouble(r -> scored ? r.accuracy() : r.relativeError()).toArray();
          chart.add(
              new Chart.Series(
                  (perBlock ? "first block's N = " : "N = ") + n,
                  x,
                  y,
                  Chart.PALETTE[i++ % Chart.PALETTE.length],
                  false,
                  true));
        }
        if (scored) {
          SweepResult.Row src = result.sourceRow();
          chart.add(
              new Chart.Series(
                  "source (K=" + src.k() + ", N=" + src.steps() + ")",
                  new double[] {xMin, xMax},
                  new double[] {src.accuracy(), src.accuracy()},
                  Color.GRAY,
                  true,
                  false));
        }
        charts.add(chart);
      }
    }
    int cols = schemes.size();
    int rows = methods.size();
    int cw = 560;
    int ch = 380;
    write(
        png,
        cols * cw,
        rows * ch,
        (g, w, h) -> {
          for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, (i % cols) * cw, (i / cols) * ch, cw, ch);
          }
        });
  }

  private interface Painter {
    void paint(Graphics2D g, int width, int height);
  }

  private static void write(Path png, int width, int height, Painter painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      painter.paint(g, width, height);
    } finally {
      g.dispose();
    }
    Path abs = png.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IllegalStateException("plot: no PNG writer available");
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
      throw new UncheckedIOException(png + ": cannot write the plot: " + e.getMessage(), e);
    }
  }
}
