package org.odenet4j.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line training progress display: epoch, step, loss, accuracy, examples/s and ETA. Live mode
 * redraws the line with {@code \r} at most every 200 ms (a terminal); otherwise a line is printed
 * at every 10 % of an epoch (logs and pipes).
 */
final class ProgressBar {
  private final PrintWriter out;
  private final boolean live;
  private int epoch;
  private int epochs;
  private int total;
  private long started;
  private long lastDraw;
  private int lastDecile;

  ProgressBar(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  void startEpoch(int epoch, int epochs, int totalSteps) {
    this.epoch = epoch;
    this.epochs = epochs;
    this.total = totalSteps;
    this.started = System.nanoTime();
    this.lastDraw = 0;
    this.lastDecile = 0;
  }

  void step(int done, double loss, double accuracy, long examples) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    int decile = (int) (10L * done / Math.max(1, total));
    boolean draw = live ? now - lastDraw > 200_000_000L || done == total : decile > lastDecile;
    if (!draw) {
      return;
    }
    lastDraw = now;
    lastDecile = decile;
    double seconds = (now - started) / 1e9;
    double rate = examples / Math.max(seconds, 1e-9);
    double eta = done == 0 ? Double.NaN : seconds / done * (total - done);
    int width = 20;
    int filled = (int) ((long) width * done / Math.max(1, total));
    String line =
        String.format(
            Locale.ROOT,
            "epoch %d/%d [%s%s] step %d/%d  loss %.4f  acc %.4f  %.0f ex/s  ETA %s",
            epoch,
            epochs,
            "#".repeat(filled),
            ".".repeat(width - filled),
            done,
            total,
            loss,
            accuracy,
            rate,
            eta(eta));
    if (live) {
      out.print("\r" + line + "\u001b[K");
      if (done == total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  void line(String text) {
    if (out != null) {
      out.println(text);
      out.flush();
    }
  }

  static String eta(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "--:--";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
