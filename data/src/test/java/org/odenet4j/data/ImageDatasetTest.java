package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  /** Three 2x2 grey images: all 0, all 255, and 0/255 stripes. */
  private static ImageDataset tiny() {
    byte[] px = {
      0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, 0, (byte) 255, 0, (byte) 255
    };
    return new ImageDataset(px, new int[] {0, 1, 2}, 2, 2, 1, 3, "tiny");
  }

  @Test
  void normalisedBatchIsInUnitRangeAndInIndexOrder() {
    float[] b = tiny().batch(new int[] {2, 1});
    assertThat(b).containsExactly(0f, 1f, 0f, 1f, 1f, 1f, 1f, 1f);
    assertThat(tiny().labels(new int[] {2, 1})).containsExactly(2, 1);
    assertThat(tiny().shape(2)).containsExactly(2, 2, 2, 1);
  }

  @Test
  void standardisedBatchUsesChannelStats() {
    ImageDataset d = tiny();
    ImageDataset.ChannelStats s = d.channelStats();
    assertThat(s.mean()[0]).isCloseTo(0.5f, within(1e-6f));
    assertThat(s.std()[0]).isCloseTo(0.5f, within(1e-6f));
    float[] b = d.standardizedBatch(new int[] {0, 1}, s);
    assertThat(b).containsExactly(-1f, -1f, -1f, -1f, 1f, 1f, 1f, 1f);
    double mean = 0;
    float[] all = d.standardizedBatch(new int[] {0, 1, 2}, s);
    for (float v : all) {
      mean += v;
    }
    assertThat(mean / all.length).isCloseTo(0, within(1e-6));
  }

  @Test
  void subsetCopiesImagesAndCountsClasses() {
    ImageDataset sub = tiny().subset(new int[] {2, 2, 0}, "sub");
    assertThat(sub.size()).isEqualTo(3);
    assertThat(sub.labels()).containsExactly(2, 2, 0);
    assertThat(sub.classCounts()).containsExactly(1, 0, 2);
    assertThat(sub.image(0)).isEqualTo(tiny().image(2));
    assertThat(sub.source()).isEqualTo("sub");
  }

  @Test
  void validatesShapeAndLabels() {
    assertThatThrownBy(() -> new ImageDataset(new byte[7], new int[] {0, 0}, 2, 2, 1, 2, "s"))
        .hasMessage("pixels: expected 8 bytes (2 x 2 x 2 x 1), found 7");
    assertThatThrownBy(() -> new ImageDataset(new byte[8], new int[] {0, 2}, 2, 2, 1, 2, "s"))
        .hasMessage("label 1: expected 0..1, found 2");
  }
}
