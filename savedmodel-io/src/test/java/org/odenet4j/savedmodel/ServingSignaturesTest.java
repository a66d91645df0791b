package org.odenet4j.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The signatures beside {@code serving_default}: a tagger's {@code words} signature (lookup table
 * from a SavedModel asset, filled by the init op at load time) must give the same outputs as its
 * {@code tokens} signature on ids computed here in Java by the vocabulary's rule; an image model's
 * {@code image_bytes} signature must give the same outputs as {@code serving_default} on the pixels
 * the PNG files hold.
 */
class ServingSignaturesTest {
  @TempDir static Path tmp;

  private static final List<String> WORDS =
      List.of("<pad>", "<unk>", "the", "jury", "said", ".", "it", "was", "a", "good", "day", "!");
  private static final List<String> TAGS = List.of("DET", "NOUN", "VERB");

  @Test
  void wordsSignatureMatchesTokenIdsComputedInJava() throws IOException {
    TaggerModelSpec spec = Fixtures.tagger(); // vocabulary 12, tags 3, maxLength 5
    WordVocabulary vocabulary = new WordVocabulary(WORDS, true, TAGS);
    ExportResult r;
    try (Fixtures.Live live = new Fixtures.Live(spec)) {
      r =
          Exporter.to(tmp.resolve("tagger"))
              .graph(ModelExport.of(spec).withWords(vocabulary))
              .valuesFrom(live.session)
              .export();
    }
    Path dir = r.directory();
    assertThat(dir.resolve("assets").resolve(ModelExport.VOCABULARY_ASSET))
        .hasBinaryContent(vocabulary.assetBytes());
    var meta =
        SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb"))).getMetaGraphs(0);
    assertThat(meta.getAssetFileDefList()).hasSize(1);
    assertThat(meta.getSignatureDefMap()).containsOnlyKeys("serving_default", "tokens");
    assertThat(meta.getCollectionDefMap().get("saved_model_main_op").getNodeList().getValueList())
        .containsExactly("odenet_init");

    // 12 words (three windows of 5), unknown words, upper case, "<pad>" typed by a user, padding
    String[][] sentences = {
      {"The", "JURY", "said", "zebra", ".", "It", "was", "a", "good", "day", "<pad>", "!"},
      {"the", "day", "", "", "", "", "", "", "", "", "", ""}
    };
    var text = NdArrays.ofObjects(String.class, Shape.of(2, 12));
    int[] ids = new int[6 * 5]; // three windows of 5 per sentence, the last padded
    for (int s = 0; s < 2; s++) {
      for (int w = 0; w < 12; w++) {
        text.setObject(sentences[s][w], s, w);
        ids[(s * 3 + w / 5) * 5 + w % 5] = javaId(sentences[s][w]);
      }
    }
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), Exporter.TAG);
        TString words = TString.tensorOf(text);
        TInt32 tokens = TInt32.tensorOf(Shape.of(6, 5), DataBuffers.of(ids, true, false))) {
      try (Result byWords = b.function("serving_default").call(Map.of(Models.WORDS, words));
          Result byIds = b.function("tokens").call(Map.of(Models.TOKENS, tokens))) {
        TFloat32 wl = (TFloat32) byWords.get("logits").orElseThrow();
        TFloat32 il = (TFloat32) byIds.get("logits").orElseThrow();
        TInt64 classes = (TInt64) byWords.get("classes").orElseThrow();
        TString tags = (TString) byWords.get("tags").orElseThrow();
        assertThat(wl.shape()).isEqualTo(Shape.of(2, 12, 3));
        assertThat(tags.shape()).isEqualTo(Shape.of(2, 12));
        for (int s = 0; s < 2; s++) {
          for (int w = 0; w < 12; w++) {
            for (int c = 0; c < 3; c++) {
              assertThat(wl.getFloat(s, w, c)).isEqualTo(il.getFloat(s * 3 + w / 5, w % 5, c));
            }
            String expected =
                sentences[s][w].isEmpty() ? "" : TAGS.get((int) classes.getLong(s, w));
            assertThat(tags.getObject(s, w)).isEqualTo(expected);
          }
        }
      }
    }
  }

  /** The vocabulary's rule, independently: lower-case, "" = 0, unknown and "<pad>" = 1. */
  private static int javaId(String word) {
    if (word.isEmpty()) {
      return 0;
    }
    String w = word.toLowerCase(Locale.ROOT);
    int id = WORDS.indexOf(w);
    return id <= 1 ? 1 : id;
  }

  @Test
  void imageBytesSignatureDecodesPngGifAndBmpToTheSamePixels() throws IOException {
    ExportResult r;
    try (Fixtures.Live live = new Fixtures.Live(Fixtures.image())) {
      r =
          Exporter.to(tmp.resolve("image"))
              .graph(ModelExport.of(Fixtures.image()))
              .valuesFrom(live.session)
              .export();
    }
    // i = 0: 8x8 grey PNG; 1: 16x16 grey PNG, every 2x2 block one value (bilinear at pixel
    // centres halves it exactly); 2: RGB PNG with distinct channels (grey by the BT.601 luma,
    // computed here); 3: RGB GIF with equal channels; 4: 24-bit BMP with equal channels
    String[] formats = {"png", "png", "png", "gif", "bmp"};
    int n = formats.length;
    float[] pixels = new float[n * 64];
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int scale = i == 1 ? 2 : 1;
      boolean rgb = i >= 2;
      BufferedImage img =
          new BufferedImage(
              8 * scale,
              8 * scale,
              rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int v = (37 * i + 11 * y + 29 * x) % 256;
          int[] px = i == 2 ? new int[] {v, (v * 7) % 256, 255 - v} : new int[] {v, v, v};
          pixels[i * 64 + y * 8 + x] =
              i == 2 ? (0.299f * px[0] + 0.587f * px[1] + 0.114f * px[2]) / 255f : v / 255f;
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              img.getRaster().setPixel(x * scale + dx, y * scale + dy, rgb ? px : new int[] {v});
            }
          }
        }
      }
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      assertThat(ImageIO.write(img, formats[i], file)).as(formats[i]).isTrue();
      files.add(file.toByteArray());
    }
    try (SavedModelBundle b = SavedModelBundle.load(r.directory().toString(), Exporter.TAG);
        TFloat32 images =
            TFloat32.tensorOf(Shape.of(n, 8, 8, 1), DataBuffers.of(pixels, true, false));
        TString bytes =
            TString.tensorOfBytes(NdArrays.vectorOfObjects(files.toArray(byte[][]::new)));
        Result direct = b.function("serving_default").call(Map.of(Models.IMAGES, images));
        Result decoded = b.function(Models.IMAGE_BYTES).call(Map.of(Models.IMAGE_BYTES, bytes))) {
      float[] a = Fixtures.floats((TFloat32) direct.get("logits").orElseThrow());
      float[] d = Fixtures.floats((TFloat32) decoded.get("logits").orElseThrow());
      assertThat(d).hasSize(a.length);
      for (int i = 0; i < a.length; i++) {
        assertThat(d[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
      }
      assertThat(((TInt64) decoded.get("classes").orElseThrow()).shape()).isEqualTo(Shape.of(n));
    }
  }
}
