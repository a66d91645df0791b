package org.odenet4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.cli.Main;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageDataset;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.savedmodel.ModelExport;

/**
 * What a serving team sends, answered by TensorFlow itself: TensorFlow Serving REST request bodies
 * (row and columnar, float pixels, {@code {"b64": …}} PNG and JPEG files, a tagger's words, its
 * token ids) go to {@code odenet predict --request} and to TensorFlow's Python loader ({@code
 * tf_rest_predict.py}, a fixture that decodes bodies as TensorFlow Serving's REST API does); the
 * two responses must hold the same numbers within 1e-5 and the same strings. A tagger that takes
 * words, trained by {@code odenet train tagger} on the embedded Brown subset and compressed by
 * {@code odenet compress} (and a seeded one with L = 5, so sentences span windows), answers {@code
 * saved_model_cli run --input_exprs 'words=[["The","jury","said","."]]'} with the same tags as
 * {@code odenet predict --text}.
 */
class ServingInteropTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final double TOLERANCE = 1e-5;
  static final List<String> WORDS =
      List.of("<pad>", "<unk>", "the", "jury", "said", ".", "it", "was", "a", "good", "day", "!");
  static final List<String> TAGS = List.of("DET", "NOUN", "VERB");
  static final String[] SENTENCE = {"The", "jury", "said", "."};

  @BeforeEach
  void findPython() throws Exception {
    new PythonLoaderInteropTest().findPython(); // skips when there is no Python TensorFlow
  }

  @Test
  void restBodiesAndWordsGiveWhatTensorFlowPythonGives(@TempDir Path tmp) throws Exception {
    Path image =
        PythonLoaderInteropTest.exportBuiltIn(
            PythonLoaderInteropTest.image(), tmp.resolve("image"), 11);
    TaggerModelSpec spec = PythonLoaderInteropTest.tagger(); // 12 words, 3 tags, maxLength 5
    Path tagger =
        PythonLoaderInteropTest.exportBuiltIn(
            ModelExport.of(spec).withWords(new WordVocabulary(WORDS, true, TAGS)),
            tmp.resolve("tagger"),
            12);
    Path compressed =
        PythonLoaderInteropTest.compress(
            tagger, tmp, "tagger-small", PythonLoaderInteropTest.plan("tmid"), null);
    assertThat(compressed.resolve("assets/vocabulary.txt")).exists();

    // a tagger trained on the embedded Brown subset, and its compression, through the CLI
    Path brown = tmp.resolve("brown");
    cli(
        "train",
        "tagger",
        "--data",
        "embedded",
        "--epochs",
        "2",
        "--basis",
        "piecewise_constant:2",
        "--steps",
        "2",
        "--seed",
        "5",
        "--out",
        brown.toString());
    cli(
        "compress",
        brown.resolve("1").toString(),
        "--out",
        brown.toString(),
        "--basis",
        "piecewise_constant:1",
        "--steps",
        "1");
    Path trained = brown.resolve("1");
    Path trainedSmall = brown.resolve("2");

    ImageDataset test = ImageData.embedded().test();
    Map<String, Request> requests = new LinkedHashMap<>();
    requests.put("image, float rows", new Request(image, imageRows(test)));
    requests.put("image, float columns", new Request(image, imageColumns(test)));
    requests.put("image, b64 PNG/JPEG rows", new Request(image, imageBytes(test)));
    for (Path t : List.of(tagger, compressed)) {
      String name = t.equals(tagger) ? "tagger" : "compressed tagger";
      requests.put(name + ", words rows", new Request(t, wordRows()));
      requests.put(name + ", words columns", new Request(t, wordColumns()));
      requests.put(name + ", token ids", new Request(t, tokenRows()));
    }
    requests.put("Brown tagger, words rows", new Request(trained, wordRows()));
    requests.put(
        "Brown tagger compressed, words columns", new Request(trainedSmall, wordColumns()));

    Map<String, JsonNode> python = pythonResponses(requests, tmp);
    StringBuilder report = new StringBuilder();
    int i = 0;
    for (var e : requests.entrySet()) {
      Path body = tmp.resolve("bodies/" + i++ + ".json");
      JsonNode ours = predict(e.getValue().dir().toString(), "--request", body.toString());
      double max = compare(e.getKey(), ours, python.get(e.getKey()));
      report.append(String.format("  %-36s max |Δ| = %.3g%n", e.getKey(), max));
    }

    for (Path t : List.of(trained, trainedSmall, tagger, compressed)) {
      List<String> cliTags = savedModelCliTags(t, tmp);
      Path text = tmp.resolve("sentence.txt");
      Files.writeString(text, String.join(" ", SENTENCE) + "\n", StandardCharsets.UTF_8);
      JsonNode ours = predict(t.toString(), "--text", text.toString());
      List<String> ourTags = new ArrayList<>();
      ours.path("predictions").get(0).path("tags").forEach(n -> ourTags.add(n.asText()));
      assertThat(cliTags).as("saved_model_cli run on %s", t).hasSize(SENTENCE.length);
      assertThat(ourTags).as("odenet predict --text on %s", t).isEqualTo(cliTags);
      report.append(
          String.format("  saved_model_cli run words on %s: %s%n", t.getFileName(), cliTags));
    }
    System.out.print("ServingInteropTest:\n" + report);
  }

  // ---- request bodies ----

  /** A version and the body sent to it. */
  record Request(Path dir, ObjectNode body) {}

  static ArrayNode imageArray(ImageDataset test, int index) {
    float[] px = test.batch(new int[] {index});
    ArrayNode rows = JSON.createArrayNode();
    for (int y = 0; y < 28; y++) {
      ArrayNode row = rows.addArray();
      for (int x = 0; x < 28; x++) {
        row.addArray().add(px[y * 28 + x]);
      }
    }
    return rows;
  }

  static ObjectNode imageRows(ImageDataset test) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode instances = body.putArray("instances");
    for (int i = 0; i < 4; i++) {
      instances.add(imageArray(test, i));
    }
    return body;
  }

  static ObjectNode imageColumns(ImageDataset test) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode images = body.putObject("inputs").putArray("images");
    for (int i = 4; i < 7; i++) {
      images.add(imageArray(test, i));
    }
    return body;
  }

  /** Four files: grey PNG, grey PNG at twice the size, RGB PNG, grey JPEG. */
  static ObjectNode imageBytes(ImageDataset test) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("signature_name", "image_bytes");
    ArrayNode instances = body.putArray("instances");
    String[] formats = {"png", "png", "png", "jpeg"};
    for (int i = 0; i < formats.length; i++) {
      float[] px = test.batch(new int[] {i});
      int scale = i == 1 ? 2 : 1;
      boolean rgb = i == 2;
      BufferedImage img =
          new BufferedImage(
              28 * scale,
              28 * scale,
              rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 28 * scale; y++) {
        for (int x = 0; x < 28 * scale; x++) {
          int v = Math.round(px[(y / scale) * 28 + x / scale] * 255);
          img.getRaster().setPixel(x, y, rgb ? new int[] {v, v, v} : new int[] {v});
        }
      }
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      assertThat(ImageIO.write(img, formats[i], file)).isTrue();
      instances.addObject().put("b64", Base64.getEncoder().encodeToString(file.toByteArray()));
    }
    return body;
  }

  /** Three sentences padded with "" to one length: longer than maxLength, unknown words, case. */
  static String[][] sentences() {
    return new String[][] {
      {"The", "jury", "said", ".", "", "", "", "", ""},
      {"It", "was", "a", "good", "day", "!", "The", "JURY", "zebra"},
      {"said", "", "", "", "", "", "", "", ""}
    };
  }

  static ObjectNode wordRows() {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode instances = body.putArray("instances");
    for (String[] s : sentences()) {
      ArrayNode row = instances.addArray();
      for (String w : s) {
        row.add(w);
      }
    }
    return body;
  }

  static ObjectNode wordColumns() {
    ObjectNode body = JSON.createObjectNode();
    body.put("signature_name", "serving_default");
    ArrayNode words = body.putObject("inputs").putArray("words");
    for (String[] s : sentences()) {
      ArrayNode row = words.addArray();
      for (String w : s) {
        row.add(w);
      }
    }
    return body;
  }

  static ObjectNode tokenRows() {
    ObjectNode body = JSON.createObjectNode();
    body.put("signature_name", "tokens");
    ArrayNode instances = body.putArray("instances");
    int[][] ids = {{2, 3, 4, 5, 0}, {6, 7, 8, 9, 10}, {11, 1, 0, 0, 0}};
    for (int[] s : ids) {
      ObjectNode named = instances.addObject();
      ArrayNode row = named.putArray("tokens");
      for (int id : s) {
        row.add(id);
      }
    }
    return body;
  }

  // ---- the two routes ----

  static Map<String, JsonNode> pythonResponses(Map<String, Request> requests, Path tmp)
      throws Exception {
    Files.createDirectories(tmp.resolve("bodies"));
    Files.createDirectories(tmp.resolve("python"));
    ObjectNode job = JSON.createObjectNode();
    ArrayNode list = job.putArray("requests");
    int i = 0;
    for (Request r : requests.values()) {
      Path body = tmp.resolve("bodies/" + i + ".json");
      JSON.writeValue(body.toFile(), r.body());
      list.addObject()
          .put("dir", r.dir().toString())
          .put("body", body.toString())
          .put("out", tmp.resolve("python/" + i++ + ".json").toString());
    }
    Path jobFile = tmp.resolve("rest-job.json");
    JSON.writeValue(jobFile.toFile(), job);
    Path script = tmp.resolve("tf_rest_predict.py");
    try (InputStream s = ServingInteropTest.class.getResourceAsStream("tf_rest_predict.py")) {
      Files.copy(s, script);
    }
    PythonLoaderInteropTest.Run run =
        PythonLoaderInteropTest.run(
            tmp,
            List.of(
                PythonLoaderInteropTest.python.toString(), script.toString(), jobFile.toString()));
    assertThat(run.exit()).as("tf_rest_predict.py output:%n%s", run.output()).isZero();
    Map<String, JsonNode> out = new LinkedHashMap<>();
    i = 0;
    for (String name : requests.keySet()) {
      out.put(name, JSON.readTree(tmp.resolve("python/" + i++ + ".json").toFile()));
    }
    return out;
  }

  /** {@code odenet predict ARGS} in this JVM; its stdout parsed as JSON. */
  static JsonNode predict(String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = "predict";
    System.arraycopy(args, 0, all, 1, args.length);
    return JSON.readTree(cli(all));
  }

  /** {@code odenet ARGS} in this JVM; fails unless it exits 0; returns its stdout. */
  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(exit).as("odenet %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  /** The tags {@code saved_model_cli run} prints for {@link #SENTENCE}. */
  static List<String> savedModelCliTags(Path dir, Path tmp) throws Exception {
    StringBuilder expr = new StringBuilder("words=[[");
    for (int i = 0; i < SENTENCE.length; i++) {
      expr.append(i > 0 ? "," : "").append('"').append(SENTENCE[i]).append('"');
    }
    expr.append("]]");
    PythonLoaderInteropTest.Run run =
        PythonLoaderInteropTest.savedModelCli(
            tmp,
            List.of(
                "run",
                "--dir",
                dir.toString(),
                "--tag_set",
                "serve",
                "--signature_def",
                "serving_default",
                "--input_exprs",
                expr.toString()));
    assertThat(run.exit()).as("saved_model_cli run:%n%s", run.output()).isZero();
    Matcher section =
        Pattern.compile("Result for output key tags:\\s*(\\[\\[.*?\\]\\])", Pattern.DOTALL)
            .matcher(run.output());
    assertThat(section.find()).as("saved_model_cli run output:%n%s", run.output()).isTrue();
    List<String> tags = new ArrayList<>();
    Matcher tag = Pattern.compile("b'([^']*)'").matcher(section.group(1));
    while (tag.find()) {
      tags.add(tag.group(1));
    }
    return tags;
  }

  /**
   * Walks both responses: same structure and keys, strings equal, numbers within {@link
   * #TOLERANCE}; returns the largest numeric difference.
   */
  static double compare(String what, JsonNode ours, JsonNode theirs) {
    return compare(what, "$", ours, theirs);
  }

  private static double compare(String what, String path, JsonNode a, JsonNode b) {
    String where = what + " " + path;
    if (b.isNumber()) {
      assertThat(a.isNumber()).as("%s: expected a number, found %s", where, a).isTrue();
      double d = Math.abs(a.asDouble() - b.asDouble());
      assertThat(d).as("%s: |%s - %s|", where, a, b).isLessThanOrEqualTo(TOLERANCE);
      return d;
    }
    if (b.isTextual()) {
      assertThat(a.asText()).as(where).isEqualTo(b.asText());
      return 0;
    }
    double max = 0;
    if (b.isArray()) {
      assertThat(a.isArray() && a.size() == b.size())
          .as("%s: expected an array of %d, found %s", where, b.size(), a.getNodeType())
          .isTrue();
      for (int i = 0; i < b.size(); i++) {
        max = Math.max(max, compare(what, path + "[" + i + "]", a.get(i), b.get(i)));
      }
      return max;
    }
    List<String> keys = new ArrayList<>();
    b.fieldNames().forEachRemaining(keys::add);
    List<String> ourKeys = new ArrayList<>();
    a.fieldNames().forEachRemaining(ourKeys::add);
    assertThat(ourKeys).as("%s: keys", where).containsExactlyInAnyOrderElementsOf(keys);
    for (String k : keys) {
      max = Math.max(max, compare(what, path + "." + k, a.get(k), b.get(k)));
    }
    return max;
  }
}
