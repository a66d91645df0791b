package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.basis.Basis;

class PlotsTest {
  @TempDir Path tmp;

  /** True when some pixel has exactly this colour (a drawn line of the palette). */
  static boolean hasColour(BufferedImage image, java.awt.Color c) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void weightsPlotIsAPng() throws Exception {
    Basis a = Basis.parse("piecewise_constant:4");
    Basis b = Basis.parse("piecewise_constant:2");
    var map = Method.PROJECTION.between(a, b);
    double[] before = {1, 2, -1, 0.5};
    WeightTrace t =
        new WeightTrace("stage1/block/conv1/kernel", 7, a, before, b, map.apply(before));
    WeightTrace u =
        new WeightTrace(
            "stage1/block/conv1/kernel", 9, a, new double[] {0, 0, 1, 1}, b, new double[] {0, 1});
    Path png = tmp.resolve("plots/weights.png");
    Plots.weights(List.of(t, u), png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(520);
    assertThat(hasColour(image, Chart.PALETTE[0])).isTrue();
    assertThat(hasColour(image, Chart.PALETTE[1])).isTrue();
    assertThat(t.valueBefore(0.6)).isEqualTo(-1.0);
    assertThat(t.valueAfter(0.6)).isEqualTo(-0.25);
  }

  @Test
  void sweepPlotHasOnePanelPerMethodAndScheme() throws Exception {
    List<SweepResult.Row> rows = new java.util.ArrayList<>();
    for (String m : List.of("projection", "interpolation")) {
      for (String s : List.of("euler", "rk4")) {
        for (int n : List.of(16, 8, 4)) {
          for (int k : List.of(16, 8, 4, 2)) {
            rows.add(
                new SweepResult.Row(
                    m,
                    s,
                    "piecewise_constant:" + k,
                    k,
                    n,
                    1000L * k,
                    900L * k,
                    1.0 / k,
                    n,
                    0,
                    0.9 - 0.1 / k - 0.01 * (16 / n),
                    1.0,
                    2.0,
                    null,
                    List.of()));
          }
        }
      }
    }
    SweepResult.Row src =
        new SweepResult.Row(
            "source",
            "euler",
            "piecewise_constant:16",
            16,
            16,
            16000,
            14400,
            0,
            48,
            0,
            0.9,
            1.0,
            2.0,
            "x",
            List.of());
    Path png = tmp.resolve("sweep.png");
    Plots.sweep(new SweepResult("x", src, rows, 1.0), png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * 560);
    assertThat(image.getHeight()).isEqualTo(2 * 380);
    assertThat(hasColour(image, Chart.PALETTE[2])).isTrue(); // third N line
  }

  @Test
  void emptyInputsAreErrors() {
    assertThatThrownBy(() -> Plots.weights(List.of(), tmp.resolve("a.png")))
        .hasMessage("weights plot: expected at least one traced weight, found none");
    SweepResult.Row src =
        new SweepResult.Row(
            "source",
            "euler",
            "piecewise_constant:2",
            2,
            2,
            1,
            1,
            0,
            2,
            0,
            null,
            null,
            null,
            null,
            List.of());
    assertThatThrownBy(
            () -> Plots.sweep(new SweepResult("x", src, List.of(), 0), tmp.resolve("b.png")))
        .hasMessage("sweep plot: expected at least one grid point, found none");
  }
}
