package org.odenet4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Line mode prints one line per tenth of an epoch with the fields a user watches; ETA reads as
 * clock time.
 */
class ProgressBarTest {

  @Test
  void oneLinePerTenthInLineMode() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), false);
    bar.startEpoch(3, 8, 50);
    for (int step = 1; step <= 50; step++) {
      bar.step(step, 0.5, 0.75, step * 128L);
    }
    var lines = out.toString().lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(9))
        .startsWith("epoch 3/8 [####################] step 50/50  loss 0.5000  acc 0.7500")
        .contains("ex/s", "ETA 00:00");
    assertThat(lines.get(0)).contains("step 5/50");
  }

  @Test
  void etaFormatting() {
    assertThat(ProgressBar.eta(59.6)).isEqualTo("01:00");
    assertThat(ProgressBar.eta(3725)).isEqualTo("1:02:05");
    assertThat(ProgressBar.eta(Double.NaN)).isEqualTo("--:--");
  }
}
