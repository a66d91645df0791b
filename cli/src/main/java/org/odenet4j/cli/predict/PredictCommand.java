package org.odenet4j.cli.predict;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odenet4j.cli.predict.SignatureSpec.TensorSpec;
import org.odenet4j.data.IdxReader;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.SavedModels;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odenet predict DIR (--request FILE | --images FILE... | --idx FILE | --text FILE)}: runs a
 * version's graph, as {@code saved_model_cli run} does for TensorFlow users, and prints TensorFlow
 * Serving's REST predict response ({@code {"predictions": [...]}} or {@code {"outputs": ...}}), or
 * with {@code --table} a line per example for people.
 *
 * <p>Inputs are checked against the signature before the model loads; every problem with them is
 * one line naming the file and the field, exit 2. DIR is any SavedModel with tag {@code serve} (a
 * version directory, or a model base: its latest version); the odenet4j manifest is only read for
 * {@code --table}'s class names.
 */
@Command(
    name = "predict",
    description = {
      "Run an exported model on inputs: loads TensorFlow and runs the version's graph (as"
          + " saved_model_cli run does), printing TensorFlow Serving's REST predict response.",
      "Exactly one input: --request (a REST request body), --images, --idx or --text."
    },
    footer = {
      "",
      "Examples:",
      "  odenet predict models/fashion/1 --request request.json",
      "  odenet predict models/fashion/1 --images shirt.png boot.jpg --table",
      "  odenet predict models/fashion/1 --idx t10k-images-idx3-ubyte.gz --batch 500",
      "  echo 'The cat sat' | odenet predict models/tagger/1 --text - --table"
    })
public final class PredictCommand implements Callable<Integer> {
  /** The signature TensorFlow Serving uses when a request names none. */
  static final String DEFAULT_SIGNATURE = org.odenet4j.savedmodel.Exporter.SIGNATURE_KEY;

  /** The signature of image models that decodes encoded images in the graph. */
  static final String IMAGE_BYTES_SIGNATURE = org.odenet4j.models.Models.IMAGE_BYTES;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "SavedModel version directory (tag serve), or a model base (latest version).")
  Path dir;

  @Option(
      names = "--request",
      paramLabel = "FILE",
      description =
          "A TensorFlow Serving REST predict request body (- = stdin): {\"instances\": [...]} or"
              + " {\"inputs\": ...}, optional \"signature_name\"; strings as JSON strings or"
              + " {\"b64\": \"...\"}.")
  String request;

  @Option(
      names = "--images",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "PNG, JPEG, GIF or BMP files of any size and colour, sent as bytes to the image_bytes"
              + " signature (which decodes and resizes them in the graph).")
  List<String> images;

  @Option(
      names = "--idx",
      paramLabel = "FILE",
      description =
          "IDX images (gzip or plain), [n, H, W] or [n, H, W, C] unsigned bytes, fed as pixel/255"
              + " to the images input of serving_default.")
  Path idx;

  @Option(
      names = "--text",
      paramLabel = "FILE",
      description =
          "One sentence per line (- = stdin), words split on whitespace, blank lines skipped; fed"
              + " as words, padded with \"\", to a tagger's serving_default.")
  String text;

  @Option(
      names = "--signature",
      paramLabel = "KEY",
      description =
          "The signature to run (default: serving_default; image_bytes for --images; a request's"
              + " signature_name).")
  String signature;

  @Option(
      names = "--batch",
      defaultValue = "128",
      paramLabel = "B",
      description = "Run at most B examples at a time (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--table",
      description =
          "One line per example for people: the top classes with probabilities, or a tagger's"
              + " word/TAG pairs.")
  boolean table;

  @Option(
      names = "--top",
      defaultValue = "3",
      paramLabel = "K",
      description = "Classes per example in --table (default: ${DEFAULT-VALUE}).")
  int top;

  /** What one input source turns into: the signature to run and what to feed it. */
  private record Prepared(
      SignatureSpec signature,
      Map<String, HostArray> inputs,
      boolean rows,
      long examples,
      String source,
      List<String> labels) {}

  @Override
  public Integer call() {
    if (batch < 1) {
      throw new IllegalArgumentException("--batch: expected >= 1, found " + batch);
    }
    if (top < 1) {
      throw new IllegalArgumentException("--top: expected >= 1, found " + top);
    }
    List<String> given = new ArrayList<>();
    if (request != null) {
      given.add("--request");
    }
    if (images != null) {
      given.add("--images");
    }
    if (idx != null) {
      given.add("--idx");
    }
    if (text != null) {
      given.add("--text");
    }
    if (given.size() != 1) {
      throw new IllegalArgumentException(
          "input: expected exactly one of --request, --images, --idx or --text, found "
              + (given.isEmpty() ? "none" : String.join(" and ", given)));
    }
    Path version = SavedModels.resolveVersion(dir);
    MetaGraphDef metaGraph = SavedModelReader.open(version).metaGraph();
    Prepared p;
    if (request != null) {
      p = fromRequest(version, metaGraph);
    } else if (images != null) {
      p = fromImages(version, metaGraph);
    } else if (idx != null) {
      p = fromIdx(version, metaGraph);
    } else {
      p = fromText(version, metaGraph);
    }
    Map<String, HostArray> outputs;
    try (ModelRunner runner = ModelRunner.load(version)) {
      try {
        outputs = runner.run(p.signature(), p.inputs(), batch, p.source());
      } catch (ModelRunner.Refused e) {
        throw images == null ? e : refusedImage(runner, p, e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (table) {
      Manifest manifest = Manifest.read(version);
      out.print(
          Table.render(
              outputs,
              p.inputs(),
              manifest == null ? List.of() : manifest.classNames(),
              top,
              p.labels()));
    } else if (p.rows()) {
      out.println(ResponseJson.predictions(outputs, p.examples(), p.signature().key()));
    } else {
      out.println(ResponseJson.outputs(outputs));
    }
    out.flush();
    return 0;
  }

  /** The signature to use: {@code --signature}, else {@code fallback}. */
  private SignatureSpec signature(Path version, MetaGraphDef metaGraph, String fallback) {
    return signature == null
        ? SignatureSpec.select(
            metaGraph, version, fallback, "signature (default " + fallback + ", see --signature)")
        : SignatureSpec.select(metaGraph, version, signature, "--signature");
  }

  private Prepared fromRequest(Path version, MetaGraphDef metaGraph) {
    String name = InputFiles.name(request);
    RestRequest body = RestRequest.parse(name, InputFiles.read(request, System.in));
    String named = body.signatureName();
    SignatureSpec sig;
    if (named == null) {
      sig = signature(version, metaGraph, DEFAULT_SIGNATURE);
    } else {
      if (signature != null && !signature.equals(named)) {
        throw new IllegalArgumentException(
            name
                + ": signature_name: expected '"
                + signature
                + "' (as --signature) or none, found '"
                + named
                + "'");
      }
      sig = SignatureSpec.select(metaGraph, version, named, name + ": signature_name");
    }
    Map<String, HostArray> inputs = body.inputs(sig);
    long examples = inputs.values().iterator().next().rows();
    return new Prepared(sig, inputs, body.rows(), examples, name, null);
  }

  private Prepared fromImages(Path version, MetaGraphDef metaGraph) {
    if (signature == null && !SignatureSpec.all(metaGraph).containsKey(IMAGE_BYTES_SIGNATURE)) {
      throw new IllegalArgumentException(
          version.resolve(SavedModelReader.SAVED_MODEL_PB)
              + ": signature_def: expected a signature '"
              + IMAGE_BYTES_SIGNATURE
              + "' taking encoded images for --images, found only "
              + SignatureSpec.all(metaGraph).keySet()
              + " (a version exported without it); send IDX images with --idx, or any input with"
              + " --request");
    }
    SignatureSpec sig = signature(version, metaGraph, IMAGE_BYTES_SIGNATURE);
    TensorSpec input = single(sig);
    if (input == null
        || input.dtype() != DataType.DT_STRING
        || (input.dims() != null && input.dims().size() != 1)) {
      throw new IllegalArgumentException(
          "--images: expected signature "
              + sig.key()
              + " to take one string input [-1] (encoded images), found inputs "
              + sig.describeInputs());
    }
    byte[][] bytes = new byte[images.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = InputFiles.image(images.get(i));
    }
    HostArray a = new HostArray(DataType.DT_STRING, new long[] {bytes.length}, bytes);
    return new Prepared(
        sig, Map.of(input.name(), a), true, bytes.length, "--images", List.copyOf(images));
  }

  private Prepared fromIdx(Path version, MetaGraphDef metaGraph) {
    SignatureSpec sig = signature(version, metaGraph, DEFAULT_SIGNATURE);
    TensorSpec input = single(sig);
    if (input == null
        || input.dtype() != DataType.DT_FLOAT
        || (input.dims() != null && input.dims().size() != 4 && input.dims().size() != 3)) {
      throw new IllegalArgumentException(
          "--idx: expected signature "
              + sig.key()
              + " to take one float32 input [-1, H, W, C] (images), found inputs "
              + sig.describeInputs());
    }
    IdxReader.ChannelImages im;
    try {
      im = IdxReader.readChannelImages(idx);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    List<Long> found = List.of((long) im.rows(), (long) im.columns(), (long) im.channels());
    List<Long> item = found;
    if (input.dims() != null && input.dims().size() == 3 && im.channels() == 1) {
      item = found.subList(0, 2); // [-1, H, W]: one channel, no channel dimension
    }
    List<Long> expected = input.instanceDims();
    if (expected != null && !RestRequest.fits(item, expected)) {
      throw new IllegalArgumentException(
          idx
              + ": images: expected "
              + hwc(expected)
              + " (signature "
              + sig.key()
              + " input "
              + input.describe()
              + "), found "
              + hwc(found));
    }
    if (im.count() == 0) {
      throw new IllegalArgumentException(
          idx + ": image count: expected at least one image, found 0");
    }
    long[] shape = new long[item.size() + 1];
    shape[0] = im.count();
    for (int k = 0; k < item.size(); k++) {
      shape[k + 1] = item.get(k);
    }
    HostArray a = new HostArray(DataType.DT_FLOAT, shape, im.scaled());
    return new Prepared(sig, Map.of(input.name(), a), true, im.count(), idx.toString(), null);
  }

  private Prepared fromText(Path version, MetaGraphDef metaGraph) {
    SignatureSpec sig = signature(version, metaGraph, DEFAULT_SIGNATURE);
    TensorSpec input = sig.inputs().get(Table.WORDS);
    if (input == null
        || sig.inputs().size() != 1
        || input.dtype() != DataType.DT_STRING
        || (input.dims() != null && input.dims().size() != 2)) {
      throw new IllegalArgumentException(
          version
              + ": signature "
              + sig.key()
              + ": expected one input 'words' (string [-1, -1], a tagger taking words) for --text,"
              + " found inputs "
              + sig.describeInputs()
              + "; send such a version's inputs with --request");
    }
    String name = InputFiles.name(text);
    List<InputFiles.Sentence> sentences =
        InputFiles.sentences(InputFiles.read(text, System.in), name);
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": sentences: expected at least one non-blank line, found none");
    }
    long fixed = input.dims() == null ? -1 : input.dims().get(1);
    int width = 0;
    for (InputFiles.Sentence s : sentences) {
      if (fixed >= 0 && s.words().size() > fixed) {
        throw new IllegalArgumentException(
            name
                + ": line "
                + s.line()
                + ": expected at most "
                + fixed
                + " words (input "
                + input.describe()
                + "), found "
                + s.words().size());
      }
      width = Math.max(width, s.words().size());
    }
    if (fixed >= 0) {
      width = (int) fixed;
    }
    // every row padded to the longest sentence of the whole file, so chunks (--batch) agree
    byte[][] words = new byte[sentences.size() * width][];
    Arrays.fill(words, new byte[0]);
    for (int i = 0; i < sentences.size(); i++) {
      List<String> w = sentences.get(i).words();
      for (int j = 0; j < w.size(); j++) {
        words[i * width + j] = w.get(j).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    HostArray a = new HostArray(DataType.DT_STRING, new long[] {sentences.size(), width}, words);
    return new Prepared(sig, Map.of(input.name(), a), true, sentences.size(), name, null);
  }

  /**
   * The first of the files that the graph refuses on its own (one the decoder cannot read, say),
   * named in the error; {@code e} itself when none does.
   */
  private IllegalArgumentException refusedImage(
      ModelRunner runner, Prepared p, ModelRunner.Refused e) {
    Map.Entry<String, HostArray> input = p.inputs().entrySet().iterator().next();
    for (int i = 0; i < images.size(); i++) {
      try {
        runner.run(
            p.signature(),
            Map.of(input.getKey(), input.getValue().rows(i, i + 1)),
            1,
            images.get(i));
      } catch (ModelRunner.Refused one) {
        return new IllegalArgumentException(
            images.get(i)
                + ": image: expected a file that signature "
                + p.signature().key()
                + " decodes, found that TensorFlow refused it: "
                + one.reason(),
            one);
      }
    }
    return e;
  }

  /** The signature's only input, or null when it has several. */
  private static TensorSpec single(SignatureSpec sig) {
    return sig.inputs().size() == 1 ? sig.inputs().values().iterator().next() : null;
  }

  /** {@code 28x28x1} ({@code ?} for an open dimension). */
  private static String hwc(List<Long> dims) {
    List<String> parts = new ArrayList<>();
    dims.forEach(d -> parts.add(d < 0 ? "?" : Long.toString(d)));
    return String.join("x", parts);
  }
}
