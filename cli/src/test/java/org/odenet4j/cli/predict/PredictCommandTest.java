package org.odenet4j.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Cli;
import org.odenet4j.cli.compress.Fixtures;
import org.odenet4j.data.IdxWriter;

/**
 * {@code odenet predict} runs a version's graph and prints what TensorFlow Serving's REST API would
 * answer: the numbers are those of a direct TensorFlow Java run of the same signature, every input
 * kind gives the same numbers for the same pixels, and bad inputs are one line naming the file and
 * the field.
 */
class PredictCommandTest {
  @TempDir static Path tmp;

  /** An untrained 8×8×1 image model with 3 classes named cat, dog, cow. */
  static Path model;

  /** A SavedModel written by TensorFlow Java directly: float, int64 and string inputs. */
  static Path user;

  static final List<String> NAMES = List.of("cat", "dog", "cow");
  static final int N = 5;
  static float[] px;
  static Map<String, float[]> direct;

  @BeforeAll
  static void setUp() {
    model =
        PredictFixtures.export(
            Fixtures.spec("piecewise_constant:1", 1), tmp.resolve("image"), 3, NAMES);
    user = PredictFixtures.userModel(tmp.resolve("user"));
    px = PredictFixtures.pixels(N, 8, 8, 11);
    direct = PredictFixtures.direct(model, px, N, 8, 8, 1);
  }

  /** One 8×8×1 image as nested JSON lists, every float written exactly (its double value). */
  static String image(float[] p, int i) {
    return image(p, i, -1);
  }

  /** As {@link #image(float[], int)}, with row {@code shortRow} one pixel short (-1: none). */
  static String image(float[] p, int i, int shortRow) {
    StringBuilder sb = new StringBuilder("[");
    for (int y = 0; y < 8; y++) {
      sb.append(y > 0 ? ",[" : "[");
      for (int x = 0; x < (y == shortRow ? 7 : 8); x++) {
        sb.append(x > 0 ? ",[" : "[").append((double) p[i * 64 + y * 8 + x]).append(']');
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }

  static String images(float[] p, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? "," : "").append(image(p, i));
    }
    return sb.append(']').toString();
  }

  static Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  static Cli.Result predict(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "predict";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

  static void assertClose(JsonNode values, float[] expected, int row, int width) {
    double[] found = Cli.doubles(values);
    assertThat(found).hasSize(width);
    for (int c = 0; c < width; c++) {
      assertThat(found[c])
          .as("value %d of row %d", c, row)
          .isCloseTo(expected[row * width + c], within(1e-6));
    }
  }

  /**
   * A row request gives, per instance, every output of serving_default in name order, equal to a
   * direct TensorFlow Java run of the signature on the same pixels.
   */
  @Test
  void rowRequestEqualsADirectRunOfTheSignature() throws IOException {
    Path body = write("rows.json", "{\"instances\": " + images(px, N) + "}");
    JsonNode predictions =
        predict(model.toString(), "--request", body.toString()).success().get("predictions");
    assertThat(predictions).hasSize(N);
    for (int i = 0; i < N; i++) {
      JsonNode p = predictions.get(i);
      assertThat(Cli.keys(p)).containsExactly("classes", "logits", "probabilities");
      assertThat(p.get("classes").isIntegralNumber()).isTrue();
      assertThat(p.get("classes").asLong()).isEqualTo((long) direct.get("classes")[i]);
      assertClose(p.get("logits"), direct.get("logits"), i, 3);
      assertClose(p.get("probabilities"), direct.get("probabilities"), i, 3);
    }
  }

  /**
   * The columnar format ({"inputs": {name: value}} or the bare value) gives the same numbers as the
   * row format, as {"outputs": {…}}; a base directory runs its latest version; a body on stdin
   * reads the same.
   */
  @Test
  void columnarRequestGivesTheRowNumbers() throws IOException {
    Path rows = write("rows2.json", "{\"instances\": " + images(px, N) + "}");
    JsonNode byRow =
        predict(model.toString(), "--request", rows.toString()).success().get("predictions");
    Path named = write("cols.json", "{\"inputs\": {\"images\": " + images(px, N) + "}}");
    Path bare =
        write(
            "bare.json",
            "{\"signature_name\": \"serving_default\", \"inputs\": " + images(px, N) + "}");
    for (Path body : List.of(named, bare)) {
      JsonNode outputs =
          predict(model.getParent().toString(), "--request", body.toString())
              .success()
              .get("outputs");
      assertThat(Cli.keys(outputs)).containsExactly("classes", "logits", "probabilities");
      for (int i = 0; i < N; i++) {
        for (String name : List.of("classes", "logits", "probabilities")) {
          assertThat(outputs.get(name).get(i)).isEqualTo(byRow.get(i).get(name));
        }
      }
    }
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(rows)));
      assertThat(predict(model.toString(), "--request", "-").success().get("predictions"))
          .isEqualTo(byRow);
    } finally {
      System.setIn(stdin);
    }
  }

  /**
   * IDX images (pixel/255) give the numbers of the same pixels sent as a REST body, gzip or plain,
   * three or four dimensions; --batch 2 runs 5 images in three chunks and gives the same rows.
   */
  @Test
  void idxImagesEqualTheSamePixelsAsARestBody() throws IOException {
    byte[] bytes = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      bytes[i] = (byte) Math.round(px[i] * 255f);
    }
    Path plain = tmp.resolve("images.idx");
    Path gzip = tmp.resolve("images.idx.gz");
    IdxWriter.writeImages(plain, 8, 8, bytes, false);
    IdxWriter.writeImages(gzip, 8, 8, bytes, true);
    Path four = tmp.resolve("images4.idx.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(four));
        DataOutputStream d = new DataOutputStream(o)) {
      for (int v : new int[] {0x804, N, 8, 8, 1}) {
        d.writeInt(v);
      }
      d.write(bytes);
    }
    Path body = write("rows3.json", "{\"instances\": " + images(px, N) + "}");
    JsonNode rest = predict(model.toString(), "--request", body.toString()).success();
    for (Path idx : List.of(plain, gzip, four)) {
      JsonNode p = predict(model.toString(), "--idx", idx.toString()).success().get("predictions");
      assertThat(p).hasSize(N);
      for (int i = 0; i < N; i++) {
        assertThat(p.get(i).get("classes"))
            .isEqualTo(rest.get("predictions").get(i).get("classes"));
        assertClose(p.get(i).get("logits"), direct.get("logits"), i, 3);
      }
    }
    JsonNode chunked =
        predict(model.toString(), "--idx", plain.toString(), "--batch", "2")
            .success()
            .get("predictions");
    assertThat(chunked).hasSize(N);
    for (int i = 0; i < N; i++) {
      assertThat(chunked.get(i).get("classes"))
          .isEqualTo(rest.get("predictions").get(i).get("classes"));
      assertClose(chunked.get(i).get("probabilities"), direct.get("probabilities"), i, 3);
    }
  }

  private static final Pattern ROW = Pattern.compile("#(\\d+)  (.*)");
  private static final Pattern ENTRY = Pattern.compile("(\\w+) \\(p=(\\d\\.\\d{3})\\)");

  /**
   * --table prints one line per example with the top k classes by the manifest's names: the first
   * is the argmax (the classes output of a direct run), the probabilities are the direct run's and,
   * for all 3 classes, sum to 1; a model without class names prints class ids.
   */
  @Test
  void tableTopOneIsTheArgmaxAndProbabilitiesSumToOne() throws IOException {
    Path body = write("rows4.json", "{\"instances\": " + images(px, N) + "}");
    Cli.Result r = predict(model.toString(), "--request", body.toString(), "--table");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(N);
    for (int i = 0; i < N; i++) {
      Matcher row = ROW.matcher(lines.get(i));
      assertThat(row.matches()).as(lines.get(i)).isTrue();
      assertThat(Integer.parseInt(row.group(1))).isEqualTo(i);
      Matcher e = ENTRY.matcher(row.group(2));
      double sum = 0;
      int k = 0;
      while (e.find()) {
        int c = NAMES.indexOf(e.group(1));
        assertThat(c).as(e.group(1)).isNotNegative();
        if (k == 0) {
          assertThat(c).isEqualTo((int) direct.get("classes")[i]);
        }
        double p = Double.parseDouble(e.group(2));
        assertThat(p).isCloseTo(direct.get("probabilities")[i * 3 + c], within(0.0005));
        sum += p;
        k++;
      }
      assertThat(k).isEqualTo(3);
      assertThat(sum).isCloseTo(1.0, within(0.002));
    }
    Path other =
        PredictFixtures.export(
            Fixtures.spec("piecewise_constant:1", 1), tmp.resolve("unnamed"), 3, List.of());
    Cli.Result ids =
        predict(other.toString(), "--request", body.toString(), "--table", "--top", "1");
    assertThat(ids.exit()).as(ids.err()).isZero();
    for (int i = 0; i < N; i++) {
      assertThat(ids.out().lines().toList().get(i))
          .matches("#" + i + "  " + (int) direct.get("classes")[i] + " \\(p=\\d\\.\\d{3}\\)");
    }
  }

  /**
   * Any SavedModel with tag serve runs, without an odenet manifest: named instances of a two-input
   * signature (float32 and int64, exact beyond 2^53), strings as UTF-8 text or b64 in, and out as
   * text, or as b64 when not UTF-8 or when the output's name ends in _bytes.
   */
  @Test
  void userGraphWithIntAndStringTensors() throws IOException {
    Path rows =
        write(
            "user.json",
            "{\"instances\": [{\"x\": [1.5, 2], \"ids\": 41}, {\"x\": [-1, 0.25], \"ids\": -5}]}");
    assertThat(predict(user.toString(), "--request", rows.toString()).success().toString())
        .isEqualTo(
            "{\"predictions\":[{\"ids_plus\":42,\"sum\":7.0},{\"ids_plus\":-4,\"sum\":-1.5}]}");
    Path cols =
        write("user-cols.json", "{\"inputs\": {\"x\": [[1e-5, 0]], \"ids\": [9007199254740993]}}");
    Cli.Result c = predict(user.toString(), "--request", cols.toString());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out().strip())
        .isEqualTo("{\"outputs\":{\"ids_plus\":[9007199254740994],\"sum\":[2.0E-5]}}");
    Path strings =
        write(
            "strings.json",
            "{\"signature_name\": \"strings\", \"instances\": [\"h\u00e9llo\", {\"b64\": \"/wBB\"}]}");
    Cli.Result s = predict(user.toString(), "--request", strings.toString());
    assertThat(s.exit()).as(s.err()).isZero();
    assertThat(s.out().strip())
        .isEqualTo(
            "{\"predictions\":["
                + "{\"echo\":\"h\u00e9llo\",\"echo_bytes\":{\"b64\":\"aMOpbGxv\"},\"length\":6},"
                + "{\"echo\":{\"b64\":\"/wBB\"},\"echo_bytes\":{\"b64\":\"/wBB\"},\"length\":3}]}");
  }

  /**
   * --images sends each file's bytes, unchanged, as one string to the signature (here a user
   * graph's strings signature, chosen with --signature): lengths are the file sizes and the bytes
   * come back; without an image_bytes signature --images says to use --idx or --request; a file
   * that is no image is refused by name.
   */
  @Test
  void imagesAreSentAsBytes() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2};
    byte[] gif = "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII);
    Path a = Files.write(tmp.resolve("a.png"), png);
    Path b = Files.write(tmp.resolve("b.gif"), gif);
    JsonNode p =
        predict(user.toString(), "--images", a.toString(), b.toString(), "--signature", "strings")
            .success()
            .get("predictions");
    assertThat(p).hasSize(2);
    assertThat(p.get(0).get("length").asInt()).isEqualTo(png.length);
    assertThat(p.get(0).get("echo_bytes").get("b64").asText())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(png));
    assertThat(p.get(1).get("length").asInt()).isEqualTo(gif.length);
    assertThat(predict(user.toString(), "--images", a.toString()).usageError())
        .isEqualTo(
            user.resolve("saved_model.pb")
                + ": signature_def: expected a signature 'image_bytes' taking encoded images for"
                + " --images, found only [serving_default, strings] (a version exported without"
                + " it); send IDX images with --idx, or any input with --request");
    Path text = write("notes.txt", "hello");
    assertThat(
            predict(user.toString(), "--images", text.toString(), "--signature", "strings")
                .usageError())
        .isEqualTo(
            text
                + ": image: expected a PNG, JPEG, GIF or BMP file, found a file starting 68 65 6c 6c");
    assertThat(
            predict(user.toString(), "--images", a.toString(), "--signature", "serving_default")
                .usageError())
        .isEqualTo(
            "--images: expected signature serving_default to take one string input [-1] (encoded"
                + " images), found inputs ids (int64 [-1]), x (float32 [-1, 2])");
  }

  /** Bad request bodies: exit 2 and one line naming the file and the field. */
  @Test
  void badBodiesAreOneLineNamingFileAndField() throws IOException {
    String m = model.toString();
    String img = image(px, 0);
    String small = image(px, 0, 0); // row 0 has 7 pixels: the image is 8x7
    Path ragged = write("ragged.json", "{\"instances\": [" + img + ", " + small + "]}");
    assertThat(predict(m, "--request", ragged.toString()).usageError())
        .isEqualTo(ragged + ": instances[1]: expected [8, 8, 1], found [8, 7, 1]");
    String rowLater = image(px, 0, 1); // ragged: row 1 has 7 pixels, the others 8
    Path ragged2 =
        write(
            "ragged2.json",
            "{\"instances\": [{\"images\": " + img + "}, {\"images\": " + rowLater + "}]}");
    assertThat(predict(m, "--request", ragged2.toString()).usageError())
        .isEqualTo(
            ragged2
                + ": instances[1].images[1]: expected a list of 8 values (a rectangular array), found a list of 7");
    // wrong rank: no channel dimension
    String noChannel = img.replaceAll("\\[([-0-9.E]+)\\]", "$1");
    Path rank = write("rank.json", "{\"inputs\": {\"images\": [" + noChannel + "]}}");
    assertThat(predict(m, "--request", rank.toString()).usageError())
        .isEqualTo(rank + ": inputs.images: expected [-1, 8, 8, 1], found [1, 8, 8]");
    Path unknown = write("unknown.json", "{\"instances\": [{\"image\": " + img + "}]}");
    assertThat(predict(m, "--request", unknown.toString()).usageError())
        .isEqualTo(
            unknown
                + ": instances[0].image: expected an input of signature serving_default (images"
                + " (float32 [-1, 8, 8, 1])), found unknown input 'image'");
    Path signature =
        write("sig.json", "{\"signature_name\": \"predict\", \"instances\": [" + img + "]}");
    assertThat(predict(m, "--request", signature.toString()).usageError())
        .startsWith(signature + ": signature_name: expected a signature of " + model + " (")
        .endsWith("), found 'predict'");
    assertThat(
            predict(m, "--request", signature.toString(), "--signature", "serving_default")
                .usageError())
        .isEqualTo(
            signature
                + ": signature_name: expected 'serving_default' (as --signature) or none, found 'predict'");
    Path text =
        write(
            "text.json",
            "{\"instances\": [" + img.replaceFirst("\\[\\[\\[[-0-9.E]+\\]", "[[[\"x\"]") + "]}");
    assertThat(predict(m, "--request", text.toString()).usageError())
        .isEqualTo(
            text + ": instances[0][0][0][0]: expected a float32 number, found the string \"x\"");
    Path b64 =
        write(
            "b64.json",
            "{\"signature_name\": \"strings\", \"instances\": [\"ok\", {\"b64\": \"@@@\"}]}");
    assertThat(predict(user.toString(), "--request", b64.toString()).usageError())
        .startsWith(
            b64
                + ": instances[1].b64: expected base64 (A-Z, a-z, 0-9, +, /, = padding), found '@@@' (");
    Path missing = tmp.resolve("nope.json");
    assertThat(predict(m, "--request", missing.toString()).usageError())
        .isEqualTo(missing + ": file: expected an existing file, found no such file");
    Path broken = write("broken.json", "{\"instances\": [1, 2");
    assertThat(predict(m, "--request", broken.toString()).usageError())
        .startsWith(broken + ": line 1, column ")
        .contains(": expected a JSON request body, found invalid JSON (");
    Path both = write("both.json", "{\"instances\": [], \"inputs\": []}");
    assertThat(predict(m, "--request", both.toString()).usageError())
        .isEqualTo(
            both
                + ": expected one of \"instances\" (row format) or \"inputs\" (columnar format), found both");
    Path typo = write("typo.json", "{\"instance\": []}");
    assertThat(predict(m, "--request", typo.toString()).usageError())
        .isEqualTo(
            typo
                + ": instance: expected only the keys signature_name, instances or inputs, found the key 'instance'");
    Path fraction = write("fraction.json", "{\"instances\": [{\"x\": [1, 2], \"ids\": 1.5}]}");
    assertThat(predict(user.toString(), "--request", fraction.toString()).usageError())
        .isEqualTo(
            fraction + ": instances[0].ids: expected an int64 integer, found the number 1.5");
    Path partial = write("partial.json", "{\"instances\": [{\"x\": [1, 2]}]}");
    assertThat(predict(user.toString(), "--request", partial.toString()).usageError())
        .isEqualTo(
            partial
                + ": instances[0]: expected the input 'ids' of signature serving_default (ids (int64"
                + " [-1]), x (float32 [-1, 2])), found only x");
    Path unnamed = write("unnamed.json", "{\"instances\": [[1, 2]]}");
    assertThat(predict(user.toString(), "--request", unnamed.toString()).usageError())
        .isEqualTo(
            unnamed
                + ": instances[0]: expected an object naming the inputs of signature serving_default"
                + " (ids (int64 [-1]), x (float32 [-1, 2])), found a list of 2");
    Path dir = tmp.resolve("no-model");
    assertThat(predict(dir.toString(), "--request", ragged.toString()).usageError())
        .isEqualTo(dir + ": directory: expected a SavedModel directory, found no such directory");
  }

  /**
   * Exactly one input source; --idx checks the file's image size against the signature's; --text
   * needs a signature taking words; bad flag values are refused. One line each, exit 2.
   */
  @Test
  void inputSourcesAndFlagsAreChecked() throws IOException {
    String m = model.toString();
    assertThat(predict(m).usageError())
        .isEqualTo(
            "input: expected exactly one of --request, --images, --idx or --text, found none");
    assertThat(predict(m, "--request", "a.json", "--idx", "b.idx").usageError())
        .isEqualTo(
            "input: expected exactly one of --request, --images, --idx or --text, found --request and --idx");
    Path big = tmp.resolve("big.idx");
    IdxWriter.writeImages(big, 28, 28, new byte[2 * 28 * 28], false);
    assertThat(predict(m, "--idx", big.toString()).usageError())
        .isEqualTo(
            big
                + ": images: expected 8x8x1 (signature serving_default input images (float32 [-1, 8,"
                + " 8, 1])), found 28x28x1");
    Path labels = tmp.resolve("labels.idx");
    IdxWriter.writeLabels(labels, new int[] {1, 2}, false);
    assertThat(predict(m, "--idx", labels.toString()).usageError())
        .isEqualTo(
            labels
                + ": magic number: expected 0x00000803 or 0x00000804 (IDX unsigned-byte images [n, H,"
                + " W] or [n, H, W, C]), found 0x00000801 (IDX labels)");
    Path sentences = write("s.txt", "The cat sat\n");
    assertThat(predict(m, "--text", sentences.toString()).usageError())
        .isEqualTo(
            model
                + ": signature serving_default: expected one input 'words' (string [-1, -1], a tagger"
                + " taking words) for --text, found inputs images (float32 [-1, 8, 8, 1]); send such a"
                + " version's inputs with --request");
    assertThat(predict(m, "--idx", big.toString(), "--batch", "0").usageError())
        .isEqualTo("--batch: expected >= 1, found 0");
    Path strings = write("strings2.json", "{\"instances\": [\"a\"]}");
    assertThat(
            predict(
                    user.toString(),
                    "--request",
                    strings.toString(),
                    "--signature",
                    "strings",
                    "--table")
                .usageError())
        .isEqualTo(
            "--table: expected the outputs of a classifier (probabilities or logits, float32 [n,"
                + " classes]) or of a tagger (tags, string [n, length]), found echo string [1], echo_bytes"
                + " string [1], length int32 [1]; leave out --table for the JSON response");
  }

  /** The help says that predict loads TensorFlow and runs the model, unlike inspect. */
  @Test
  void helpSaysItRunsTheModel() {
    Cli.Result r = Cli.run("predict", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: odenet predict")
        .contains("loads TensorFlow and runs the version's graph")
        .contains("--request")
        .contains("--images")
        .contains("--idx")
        .contains("--text")
        .contains("--table");
    assertThat(Cli.run("--help").out()).contains("predict");
  }
}
