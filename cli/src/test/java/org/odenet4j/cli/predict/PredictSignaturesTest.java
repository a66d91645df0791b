package org.odenet4j.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.cli.compress.Fixtures;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The signatures beyond images as floats: image files go to {@code image_bytes} and give the
 * numbers of the same pixels fed as floats; a tagger's text goes to {@code words} and gives what a
 * direct run on the same words gives, whatever --batch; --table pairs every word with its tag.
 */
class PredictSignaturesTest {
  @TempDir static Path tmp;

  static final List<String> NAMES = List.of("cat", "dog", "cow");
  static final List<String> WORDS =
      List.of("<pad>", "<unk>", "the", "jury", "said", ".", "it", "was", "a", "good", "day", "!");
  static final List<String> TAGS = List.of("DET", "NOUN", "VERB");

  static Path image;
  static Path tagger;

  @BeforeAll
  static void setUp() {
    image =
        PredictFixtures.export(
            Fixtures.spec("piecewise_constant:1", 1), tmp.resolve("image"), 3, NAMES);
    // maxLength 5: longer sentences are cut into windows of 5 by the graph
    TaggerModelSpec spec =
        new TaggerModelSpec(12, 3, 5, 8, 1, 8, "elu", OdeBlockSpec.of("piecewise_constant:1", 1));
    tagger =
        PredictFixtures.export(
            spec,
            ModelExport.of(spec).withWords(new WordVocabulary(WORDS, true, TAGS)),
            tmp.resolve("tagger"),
            5,
            TAGS);
  }

  static Cli.Result predict(String... args) {
    List<String> all = new ArrayList<>(List.of("predict"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  /**
   * Image {@code i} of {@code px} as a file: grey or RGB (equal channels), each pixel scale² times.
   */
  static Path imageFile(float[] px, int i, String format, boolean rgb, int scale)
      throws IOException {
    BufferedImage img =
        new BufferedImage(
            8 * scale, 8 * scale, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 8 * scale; y++) {
      for (int x = 0; x < 8 * scale; x++) {
        int v = Math.round(px[i * 64 + (y / scale) * 8 + x / scale] * 255f);
        img.getRaster().setPixel(x, y, rgb ? new int[] {v, v, v} : new int[] {v});
      }
    }
    Path file = tmp.resolve("image" + i + (rgb ? "-rgb" : "") + "-x" + scale + "." + format);
    assertThat(ImageIO.write(img, format, file.toFile())).as(format).isTrue();
    return file;
  }

  /**
   * PNG files (grey and RGB, as they are and at twice the size, which the bilinear resize at pixel
   * centres halves exactly) give the numbers of a direct run of serving_default on the pixels as
   * floats; --table names each file; a file the decoder refuses is named in one line, exit 2.
   */
  @Test
  void imageFilesGiveTheNumbersOfTheSamePixels() throws IOException {
    int n = 4;
    float[] px = PredictFixtures.pixels(n, 8, 8, 17);
    Map<String, float[]> direct = PredictFixtures.direct(image, px, n, 8, 8, 1);
    List<Path> files =
        List.of(
            imageFile(px, 0, "png", false, 1),
            imageFile(px, 1, "png", true, 2),
            imageFile(px, 2, "png", true, 1),
            imageFile(px, 3, "png", false, 2));
    List<String> args = new ArrayList<>(List.of(image.toString(), "--images"));
    files.forEach(f -> args.add(f.toString()));
    JsonNode p = predict(args.toArray(String[]::new)).success().get("predictions");
    assertThat(p).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(Cli.keys(p.get(i))).containsExactly("classes", "logits", "probabilities");
      assertThat(p.get(i).get("classes").asLong())
          .as(files.get(i).toString())
          .isEqualTo((long) direct.get("classes")[i]);
      double[] logits = Cli.doubles(p.get(i).get("logits"));
      for (int c = 0; c < 3; c++) {
        assertThat(logits[c])
            .as("%s logit %d", files.get(i), c)
            .isCloseTo(direct.get("logits")[i * 3 + c], within(1e-5));
      }
    }
    args.add("--table");
    args.add("--top");
    args.add("1");
    Cli.Result table = predict(args.toArray(String[]::new));
    assertThat(table.exit()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    for (int i = 0; i < n; i++) {
      assertThat(lines.get(i))
          .startsWith("#" + i + "  " + NAMES.get((int) direct.get("classes")[i]) + " (p=")
          .endsWith("  [" + files.get(i) + "]");
    }
    byte[] png = Files.readAllBytes(files.get(0));
    Path cut = Files.write(tmp.resolve("cut.png"), java.util.Arrays.copyOf(png, 40));
    assertThat(
            predict(image.toString(), "--images", files.get(0).toString(), cut.toString())
                .usageError())
        .startsWith(
            cut
                + ": image: expected a file that signature image_bytes decodes, found that"
                + " TensorFlow refused it: ");
  }

  /** The tagger's outputs for words, from TensorFlow Java's own SessionFunction. */
  static Map<String, Object> directWords(String[][] words) {
    var text = NdArrays.ofObjects(String.class, Shape.of(words.length, words[0].length));
    for (int i = 0; i < words.length; i++) {
      for (int j = 0; j < words[i].length; j++) {
        text.setObject(words[i][j], i, j);
      }
    }
    try (SavedModelBundle b = SavedModelBundle.load(tagger.toString(), "serve");
        TString in = TString.tensorOf(text);
        Result r = b.function("serving_default").call(Map.of("words", in))) {
      TString tags = (TString) r.get("tags").orElseThrow();
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      TFloat32 logits = (TFloat32) r.get("logits").orElseThrow();
      String[][] t = new String[words.length][words[0].length];
      long[][] c = new long[words.length][words[0].length];
      float[][][] l = new float[words.length][words[0].length][3];
      for (int i = 0; i < words.length; i++) {
        for (int j = 0; j < words[i].length; j++) {
          t[i][j] = tags.getObject(i, j);
          c[i][j] = classes.getLong(i, j);
          for (int k = 0; k < 3; k++) {
            l[i][j][k] = logits.getFloat(i, j, k);
          }
        }
      }
      return Map.of("tags", t, "classes", c, "logits", l);
    }
  }

  /**
   * --text feeds one sentence per line, padded with "" to the longest, to the words signature:
   * tags, classes and logits are a direct run's on the same padded words; --batch 1 (every sentence
   * alone, still padded to the longest) gives the same rows; --table (from stdin) prints word/TAG
   * for every word and nothing for padding; the ids signature takes a REST body.
   */
  @Test
  void textGoesToTheWordsSignature() throws IOException {
    // 11 words (three windows of 5 inside the graph), a blank line, unknown and upper-case words
    String text = "The JURY said zebra . It was a good day !\n\n  the day \nIt  was\n";
    Path file = Files.writeString(tmp.resolve("sentences.txt"), text);
    String[][] padded = {
      {"The", "JURY", "said", "zebra", ".", "It", "was", "a", "good", "day", "!"},
      {"the", "day", "", "", "", "", "", "", "", "", ""},
      {"It", "was", "", "", "", "", "", "", "", "", ""}
    };
    Map<String, Object> direct = directWords(padded);
    String[][] tags = (String[][]) direct.get("tags");
    long[][] classes = (long[][]) direct.get("classes");
    float[][][] logits = (float[][][]) direct.get("logits");
    JsonNode whole = predict(tagger.toString(), "--text", file.toString()).success();
    JsonNode single =
        predict(tagger.toString(), "--text", file.toString(), "--batch", "1").success();
    for (JsonNode json : List.of(whole, single)) {
      JsonNode p = json.get("predictions");
      assertThat(p).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(Cli.keys(p.get(i)))
            .containsExactly("classes", "logits", "probabilities", "tags");
        assertThat(p.get(i).get("tags")).hasSize(11);
        for (int j = 0; j < 11; j++) {
          assertThat(p.get(i).get("tags").get(j).asText()).isEqualTo(tags[i][j]);
          assertThat(p.get(i).get("classes").get(j).asLong()).isEqualTo(classes[i][j]);
          double[] l = Cli.doubles(p.get(i).get("logits").get(j));
          for (int k = 0; k < 3; k++) {
            assertThat(l[k]).isCloseTo(logits[i][j][k], within(1e-6));
          }
        }
      }
    }
    assertThat(tags[1][2]).isEmpty(); // padding
    InputStream stdin = System.in;
    Cli.Result table;
    try {
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      table = predict(tagger.toString(), "--text", "-", "--table");
    } finally {
      System.setIn(stdin);
    }
    assertThat(table.exit()).as(table.err()).isZero();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> pairs = new ArrayList<>();
      for (int j = 0; j < 11 && !padded[i][j].isEmpty(); j++) {
        assertThat(tags[i][j]).isIn(TAGS);
        pairs.add(padded[i][j] + "/" + tags[i][j]);
      }
      expected.add(String.join(" ", pairs));
    }
    assertThat(table.out().lines().toList()).isEqualTo(expected);

    Path ids =
        Files.writeString(
            tmp.resolve("ids.json"),
            "{\"signature_name\": \"tokens\", \"inputs\": [[2, 3, 4, 0, 0]]}");
    JsonNode outputs =
        predict(tagger.toString(), "--request", ids.toString()).success().get("outputs");
    assertThat(Cli.keys(outputs)).containsExactly("classes", "logits", "probabilities");
    assertThat(outputs.get("classes").get(0)).hasSize(5);
    Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n  \n");
    assertThat(predict(tagger.toString(), "--text", blank.toString()).usageError())
        .isEqualTo(blank + ": sentences: expected at least one non-blank line, found none");
  }
}
