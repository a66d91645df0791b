package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistSubsetGeneratorTest {

  @TempDir Path dir;

  /** 10 classes, each image's pixels equal to its index in the file. */
  private Path fakeFashionMnist(int trainPerClass, int testPerClass) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    writeSplit(src, ImageData.TRAIN_IMAGES, ImageData.TRAIN_LABELS, trainPerClass);
    writeSplit(src, ImageData.TEST_IMAGES, ImageData.TEST_LABELS, testPerClass);
    return src;
  }

  private static void writeSplit(Path src, String images, String labels, int perClass)
      throws IOException {
    int n = perClass * 10;
    byte[] px = new byte[n * 4];
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) {
      lab[i] = (i * 7) % 10; // classes interleaved, not sorted
      java.util.Arrays.fill(px, i * 4, i * 4 + 4, (byte) i);
    }
    IdxWriter.writeImages(src.resolve(images), 2, 2, px, true);
    IdxWriter.writeLabels(src.resolve(labels), lab, true);
  }

  @Test
  void takesFirstPerClassInFileOrderAndWritesProvenance() throws IOException {
    Path src = fakeFashionMnist(3, 2);
    Path out = dir.resolve("out");
    String md = FashionMnistSubsetGenerator.generate(src, out, 2, 1);

    IdxReader.Images train = IdxReader.readImages(out.resolve(ImageData.TRAIN_IMAGES));
    int[] labels = IdxReader.readLabels(out.resolve(ImageData.TRAIN_LABELS), 10);
    assertThat(train.count()).isEqualTo(20);
    // (i * 7) % 10 hits every class once in i = 0..9, then again in 10..19: the first 20 images
    for (int k = 0; k < 20; k++) {
      assertThat(train.pixels()[k * 4]).isEqualTo((byte) k);
      assertThat(labels[k]).isEqualTo((k * 7) % 10);
    }
    assertThat(IdxReader.readImages(out.resolve(ImageData.TEST_IMAGES)).count()).isEqualTo(10);

    assertThat(md)
        .contains("first 2 training images of each of the 10 classes in file order")
        .contains(FashionMnistSubsetGenerator.sha256(src.resolve(ImageData.TRAIN_IMAGES)))
        .contains("FashionMnistSubsetGenerator");
    assertThat(Files.readString(out.resolve("SOURCE.md"))).isEqualTo(md);
    assertThat(Files.readString(out.resolve("LICENSE")))
        .contains("Copyright (c) 2017 Zalando SE")
        .contains("Permission is hereby granted, free of charge");
  }

  @Test
  void regeneratingIsByteIdentical() throws IOException {
    Path src = fakeFashionMnist(2, 1);
    FashionMnistSubsetGenerator.generate(src, dir.resolve("a"), 1, 1);
    FashionMnistSubsetGenerator.generate(src, dir.resolve("b"), 1, 1);
    for (String f :
        new String[] {
          ImageData.TRAIN_IMAGES,
          ImageData.TRAIN_LABELS,
          ImageData.TEST_IMAGES,
          ImageData.TEST_LABELS,
          "SOURCE.md",
          "LICENSE"
        }) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
    }
  }

  @Test
  void tooFewImagesOfAClassIsAnError() throws IOException {
    Path src = fakeFashionMnist(1, 1);
    assertThatThrownBy(() -> FashionMnistSubsetGenerator.generate(src, dir.resolve("o"), 2, 1))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("images of class 0: expected at least 2, found 1");
  }

  @Test
  void committedSubsetMatchesItsSourceMd() throws IOException {
    // the embedded SOURCE.md records the sha256 of each embedded file
    String md;
    try (var in = ImageData.class.getResourceAsStream("fashion-mnist-subset/SOURCE.md")) {
      md = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(md)
        .contains("Copyright 2017 Zalando SE")
        .contains("dataset-fashion-mnist")
        .contains("first 600 training images of each of the 10 classes");
    for (String f : new String[] {ImageData.TRAIN_IMAGES, ImageData.TEST_IMAGES}) {
      Path copy = dir.resolve(f);
      try (var in = ImageData.class.getResourceAsStream("fashion-mnist-subset/" + f)) {
        Files.write(copy, in.readAllBytes());
      }
      assertThat(md).contains(FashionMnistSubsetGenerator.sha256(copy) + "  " + f);
    }
  }
}
