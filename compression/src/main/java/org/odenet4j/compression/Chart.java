package org.odenet4j.compression;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal line chart drawn with java.awt into a rectangle of a Graphics2D (no dependencies; works
 * headless).
 */
final class Chart {
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
  };

  /** One line: points in data coordinates (NaN y = gap), style. */
  record Series(
      String label, double[] x, double[] y, Color color, boolean dashed, boolean markers) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean log2X;
  private final List<Series> series = new ArrayList<>();
  private double[] xTicks;

  Chart(String title, String xLabel, String yLabel, boolean log2X) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.log2X = log2X;
  }

  Chart add(Series s) {
    series.add(s);
    return this;
  }

  /** Ticks at exactly these x values (e.g. the K of a sweep). */
  Chart xTicks(double[] ticks) {
    this.xTicks = ticks;
    return this;
  }

  private double tx(double x) {
    return log2X ? Math.log(x) / Math.log(2) : x;
  }

  void draw(Graphics2D g, int left, int top, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    g.setFont(base);
    FontMetrics fm = g.getFontMetrics();
    double x0 = Double.POSITIVE_INFINITY,
        x1 = Double.NEGATIVE_INFINITY,
        y0 = Double.POSITIVE_INFINITY,
        y1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i]) && Double.isFinite(tx(s.x()[i]))) {
          x0 = Math.min(x0, tx(s.x()[i]));
          x1 = Math.max(x1, tx(s.x()[i]));
          y0 = Math.min(y0, s.y()[i]);
          y1 = Math.max(y1, s.y()[i]);
        }
      }
    }
    if (!Double.isFinite(x0)) {
      x0 = 0;
      x1 = 1;
      y0 = 0;
      y1 = 1;
    }
    if (x1 - x0 < 1e-12) {
      x0 -= 0.5;
      x1 += 0.5;
    }
    double pad = (y1 - y0) < 1e-12 ? Math.max(Math.abs(y0) * 0.1, 0.5) : 0.06 * (y1 - y0);
    y0 -= pad;
    y1 += pad;
    int plotLeft = left + 64;
    int plotTop = top + 28;
    int plotWidth = width - 64 - 16;
    int plotHeight = height - 28 - 46;
    g.setColor(Color.WHITE);
    g.fillRect(left, top, width, height);
    g.setColor(Color.BLACK);
    g.setFont(base.deriveFont(Font.BOLD, 13f));
    g.drawString(title, left + (width - g.getFontMetrics().stringWidth(title)) / 2, top + 18);
    g.setFont(base);
    // axes and ticks
    g.setColor(new Color(0xdddddd));
    double[] yt = niceTicks(y0, y1, 6);
    for (double v : yt) {
      int py = py(v, y0, y1, plotTop, plotHeight);
      g.drawLine(plotLeft, py, plotLeft + plotWidth, py);
    }
    double[] xt = xTicks != null ? xTicks : (log2X ? log2Ticks(x0, x1) : niceTicks(x0, x1, 6));
    for (double v : xt) {
      int px = px(tx(v), x0, x1, plotLeft, plotWidth);
      g.drawLine(px, plotTop, px, plotTop + plotHeight);
    }
    g.setColor(Color.BLACK);
    g.drawRect(plotLeft, plotTop, plotWidth, plotHeight);
    for (double v : yt) {
      String s = format(v);
      int py = py(v, y0, y1, plotTop, plotHeight);
      g.drawString(s, plotLeft - 6 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
    }
    for (double v : xt) {
      String s = format(v);
      int px = px(tx(v), x0, x1, plotLeft, plotWidth);
      g.drawString(s, px - fm.stringWidth(s) / 2, plotTop + plotHeight + fm.getAscent() + 4);
    }
    g.drawString(xLabel, plotLeft + (plotWidth - fm.stringWidth(xLabel)) / 2, top + height - 8);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(plotTop + (plotHeight + fm.stringWidth(yLabel)) / 2), left + 14);
    rotated.dispose();
    // lines
    Graphics2D clip = (Graphics2D) g.create();
    clip.clipRect(plotLeft, plotTop, plotWidth + 1, plotHeight + 1);
    for (Series s : series) {
      clip.setColor(s.color());
      Stroke stroke =
          s.dashed()
              ? new BasicStroke(
                  1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
              : new BasicStroke(1.8f);
      clip.setStroke(stroke);
      Path2D.Double path = new Path2D.Double();
      boolean has = false;
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.y()[i])) {
          has = false;
          continue;
        }
        double px = fx(tx(s.x()[i]), x0, x1, plotLeft, plotWidth);
        double py = fy(s.y()[i], y0, y1, plotTop, plotHeight);
        if (has) {
          path.lineTo(px, py);
        } else {
          path.moveTo(px, py);
        }
        if (s.markers()) {
          clip.fill(new java.awt.geom.Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
        }
        has = true;
      }
      clip.draw(path); // one path, so a dash pattern runs on across samples
    }
    clip.dispose();
    // legend: in the corner that covers the fewest data points
    int legendWidth = 0;
    for (Series s : series) {
      legendWidth = Math.max(legendWidth, fm.stringWidth(s.label()));
    }
    int boxWidth = legendWidth + 42;
    int boxHeight = series.size() * (fm.getHeight() + 1) + 6;
    int[][] corners = {
      {plotLeft + plotWidth - boxWidth - 4, plotTop + 4},
      {plotLeft + 4, plotTop + 4},
      {plotLeft + plotWidth - boxWidth - 4, plotTop + plotHeight - boxHeight - 4},
      {plotLeft + 4, plotTop + plotHeight - boxHeight - 4}
    };
    int best = 0;
    int fewest = Integer.MAX_VALUE;
    for (int c = 0; c < corners.length; c++) {
      int covered = 0;
      for (Series s : series) {
        for (int i = 0; i < s.x().length; i++) {
          if (!Double.isFinite(s.y()[i])) {
            continue;
          }
          int px = px(tx(s.x()[i]), x0, x1, plotLeft, plotWidth);
          int py = py(s.y()[i], y0, y1, plotTop, plotHeight);
          if (px >= corners[c][0]
              && px <= corners[c][0] + boxWidth
              && py >= corners[c][1]
              && py <= corners[c][1] + boxHeight) {
            covered++;
          }
        }
      }
      if (covered < fewest) {
        fewest = covered;
        best = c;
      }
    }
    int lx = corners[best][0] + 6;
    int ly = corners[best][1] + 4;
    if (!series.isEmpty()) {
      g.setColor(new Color(255, 255, 255, 220));
      g.fillRect(corners[best][0], corners[best][1], boxWidth, boxHeight);
    }
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(
          s.dashed()
              ? new BasicStroke(
                  1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
              : new BasicStroke(1.8f));
      int cy = ly + fm.getHeight() / 2;
      g.drawLine(lx, cy, lx + 24, cy);
      g.setColor(Color.BLACK);
      g.drawString(s.label(), lx + 30, ly + fm.getAscent());
      ly += fm.getHeight() + 1;
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static double fx(double x, double x0, double x1, int left, int width) {
    return left + (x - x0) / (x1 - x0) * width;
  }

  private static double fy(double y, double y0, double y1, int top, int height) {
    return top + height - (y - y0) / (y1 - y0) * height;
  }

  private static int px(double x, double x0, double x1, int left, int width) {
    return left + (int) Math.round((x - x0) / (x1 - x0) * width);
  }

  private static int py(double y, double y0, double y1, int top, int height) {
    return top + height - (int) Math.round((y - y0) / (y1 - y0) * height);
  }

  static double[] niceTicks(double lo, double hi, int count) {
    double span = hi - lo;
    double raw = span / Math.max(1, count - 1);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3 ? 2 : raw / mag < 7 ? 5 : 10);
    List<Double> ticks = new ArrayList<>();
    for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
      ticks.add(Math.abs(v) < 1e-12 * step ? 0.0 : v);
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] log2Ticks(double lo, double hi) {
    List<Double> ticks = new ArrayList<>();
    for (int e = (int) Math.ceil(lo - 1e-9); e <= Math.floor(hi + 1e-9); e++) {
      ticks.add(Math.pow(2, e));
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
