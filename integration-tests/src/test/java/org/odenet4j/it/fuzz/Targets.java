package org.odenet4j.it.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.cli.model.BlockOption;
import org.odenet4j.compression.BlockTarget;
import org.odenet4j.data.BrownCorpusReader;
import org.odenet4j.data.Conll2Reader;
import org.odenet4j.data.IdxReader;
import org.odenet4j.data.TagSet;
import org.odenet4j.data.TaggedSentence;
import org.odenet4j.data.UniversalTags;
import org.odenet4j.data.Vocabulary;
import org.odenet4j.it.fuzz.Mutator.Format;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.SavedModels;
import org.tensorflow.proto.DataType;

/**
 * The parsers under fuzz, each with valid seeds (from the tests and the embedded data sets) and the
 * invariants a successfully parsed value must satisfy. A check that fails throws {@link
 * AssertionError}; anything a parser throws is judged by {@link ParserFuzzTest}.
 */
final class Targets {

  /** Parses one input; {@code scratch} is a file the target may write the input to. */
  interface Parse {
    Object parse(byte[] input, Path scratch) throws Exception;
  }

  /**
   * Invariants of a successfully parsed value; throws AssertionError (or a parser exception) when
   * broken.
   */
  interface Check {
    void check(Object value, Path scratch) throws Exception;
  }

  record Target(
      String name, Format format, int maxLength, List<byte[]> seeds, Parse parse, Check check) {}

  /** What separates Brown tokens (regex \\s: ASCII whitespace). */
  private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("\\s");

  private Targets() {}

  static List<Target> all() {
    return List.of(
        basisSpec(),
        blockSpec(),
        modelSpec(),
        manifest(),
        idxImages(),
        idxLabels(),
        brown(),
        conll(),
        vocabulary(),
        tagSet());
  }

  // ---- tf-ops: basis specs ----

  static Target basisSpec() {
    List<byte[]> seeds =
        utf8(
            "piecewise_constant:16",
            "piecewise_linear:4",
            "fem_linear:9",
            "fem_linear:1",
            "legendre:3",
            " Fem_Linear:5 ",
            "PIECEWISE_CONSTANT:2",
            "legendre:1");
    return new Target(
        "basis-spec",
        Format.TEXT,
        4096,
        seeds,
        (in, scratch) -> BasisSpec.parse(text(in)),
        (v, scratch) -> {
          BasisSpec spec = (BasisSpec) v;
          require(
              BasisSpec.FAMILIES.contains(spec.family()),
              "family " + spec.family() + " is one of " + BasisSpec.FAMILIES);
          require(spec.size() >= 1, "K >= 1");
          require(
              again(() -> BasisSpec.parse(spec.toString())).equals(spec),
              "re-parses to the same spec from " + spec);
          require(
              spec.basis().size() == spec.size() && spec.basis().family().equals(spec.family()),
              "basis() agrees");
        });
  }

  // ---- cli / compression: --block NAME=F:K/N/S and block targets F:K/N/S ----

  static Target blockSpec() {
    List<byte[]> seeds =
        utf8(
            "stage3/block=fem_linear:5/8/rk4",
            "encoder/block=legendre:3/4/midpoint",
            "stage1/block=piecewise_constant:4/4/euler",
            "stage2/block=piecewise_linear:4/2/RK4_38",
            "stage1/block= piecewise_constant:16 /16/ euler ");
    return new Target(
        "block-spec",
        Format.TEXT,
        4096,
        seeds,
        (in, scratch) -> {
          String text = text(in);
          BlockOption option = BlockOption.parse(text);
          int eq = text.indexOf('=');
          // odenet compress: the target of the block; odenet train/model: the block's new spec
          BlockTarget target = BlockTarget.parse(text.substring(eq + 1));
          OdeBlockSpec spec =
              new OdeBlockSpec(
                  option.basis(), option.steps(), option.scheme(), 1.0, CoefficientInit.IDENTICAL);
          return List.of(option, target, spec);
        },
        (v, scratch) -> {
          BlockOption option = (BlockOption) ((List<?>) v).get(0);
          OdeBlockSpec spec = (OdeBlockSpec) ((List<?>) v).get(2);
          String rendered =
              option.name() + "=" + option.basis() + "/" + option.steps() + "/" + option.scheme();
          require(
              again(() -> BlockOption.parse(rendered)).equals(option),
              "re-parses to the same option from " + rendered);
          require(spec.basis().size() >= 1 && spec.steps() >= 1, "a usable block spec");
          require(spec.withSteps(spec.steps()).equals(spec), "spec is canonical");
        });
  }

  // ---- layers: model spec JSON (--spec FILE) ----

  static List<ModelSpec> modelSpecs() {
    return List.of(
        ImageModelSpec.cifar("piecewise_constant:4", 4),
        ImageModelSpec.of(
            28,
            28,
            1,
            8,
            10,
            new OdeBlockSpec("legendre:3", 4, "rk4", 0.5, CoefficientInit.INDEPENDENT)),
        new ImageModelSpec(
            List.of(8, 8, 1),
            4,
            3,
            "gelu",
            List.of(
                OdeBlockSpec.of("piecewise_constant:2", 2),
                OdeBlockSpec.of("fem_linear:3", 3),
                new OdeBlockSpec(
                    "piecewise_linear:4", 8, "rk4_38", 8.0, CoefficientInit.IDENTICAL)),
            1.0 / 16),
        new TaggerModelSpec(
            1000, 14, 40, 32, 2, 64, "elu", OdeBlockSpec.of("piecewise_linear:4", 4)),
        new TaggerModelSpec(
            12,
            3,
            5,
            8,
            2,
            8,
            "elu",
            new OdeBlockSpec("fem_linear:5", 8, "midpoint", 1.0, CoefficientInit.IDENTICAL)));
  }

  static Target modelSpec() {
    List<byte[]> seeds = new ArrayList<>();
    for (ModelSpec s : modelSpecs()) {
      seeds.add(s.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return new Target(
        "model-spec",
        Format.JSON,
        64 * 1024,
        seeds,
        (in, scratch) -> ModelSpec.fromJson(text(in)),
        (v, scratch) -> checkModelSpec((ModelSpec) v));
  }

  private static void checkModelSpec(ModelSpec spec) {
    if (spec instanceof ImageModelSpec image) {
      require(
          Double.isFinite(image.stitchEpsilon()) && image.stitchEpsilon() > 0,
          "finite stitch epsilon > 0");
    }
    require(
        again(() -> ModelSpec.fromJson(spec.toJson())).equals(spec), "toJson/fromJson round trip");
    for (OdeBlockSpec b : spec.odeBlocks()) {
      require(b != null, "no null block");
      require(
          b.basis().size() >= 1
              && b.steps() >= 1
              && b.epsilon() > 0
              && Double.isFinite(b.epsilon()),
          "usable block " + b);
    }
    require(
        again(() -> spec.mapBlocks(b -> b)).equals(spec), "mapBlocks(identity) is the same spec");
  }

  // ---- savedmodel-io: assets.extra/odenet.json ----

  static Target manifest() {
    List<byte[]> seeds = new ArrayList<>();
    for (Manifest m : manifests()) {
      seeds.add(m.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return new Target(
        "manifest",
        Format.JSON,
        64 * 1024,
        seeds,
        (in, scratch) -> {
          // as validate, inspect, eval and compress read it: the file's bytes, from the version
          // directory
          Path version = scratch.resolveSibling("version");
          Files.createDirectories(version.resolve(Manifest.PATH).getParent());
          Files.write(version.resolve(Manifest.PATH), in);
          return Manifest.read(version);
        },
        (v, scratch) -> {
          Manifest m = (Manifest) v;
          require(
              again(() -> Manifest.fromJson(m.toJson(), "again.json")).equals(m),
              "toJson/fromJson round trip");
          ModelSpec spec = m.spec(); // may throw its clean error
          if (spec != null) {
            checkModelSpec(spec);
          }
          m.trainableParameters();
          // validate/inspect/compress check the blocks against the graph; here a graph that has
          // exactly the manifest's variables, so only the blocks' own consistency is at stake
          Map<String, SavedModelReader.VariableSpec> graph = new LinkedHashMap<>();
          for (Manifest.VariableEntry e : m.variables()) {
            if (e != null && e.name() != null && e.shape() != null) {
              graph.put(
                  e.name(),
                  new SavedModelReader.VariableSpec(e.name(), DataType.DT_FLOAT, e.shape()));
            }
          }
          SavedModels.checkBlocks(Path.of("odenet.json"), m, graph);
        });
  }

  /** Manifests as Exporter writes them: an image model, a tagger, a custom graph without spec. */
  static List<Manifest> manifests() {
    List<Manifest> out = new ArrayList<>();
    ImageModelSpec image = (ImageModelSpec) modelSpecs().get(2);
    out.add(
        manifest(
            image,
            List.of("stage1/block", "stage2/block", "stage3/block"),
            List.of(-1L, 8L, 8L, 1L),
            3));
    TaggerModelSpec tagger = (TaggerModelSpec) modelSpecs().get(4);
    out.add(manifest(tagger, List.of("encoder/block"), List.of(-1L, 5L), 3));
    out.add(manifest(null, List.of("custom/block"), List.of(-1L, 4L), 2));
    return out;
  }

  private static Manifest manifest(
      ModelSpec spec, List<String> blockNames, List<Long> inputShape, int classes) {
    List<Manifest.BlockEntry> blocks = new ArrayList<>();
    List<Manifest.VariableEntry> variables = new ArrayList<>();
    variables.add(
        new Manifest.VariableEntry(
            "stem/conv/kernel", List.of(3L, 3L, 1L, 4L), "float32", Manifest.PARAMETER, null));
    for (int i = 0; i < blockNames.size(); i++) {
      String name = blockNames.get(i);
      OdeBlockSpec b = spec == null ? OdeBlockSpec.of("fem_linear:3", 2) : spec.odeBlocks().get(i);
      long k = b.basis().size();
      List<Manifest.BlockVariable> vars =
          List.of(
              new Manifest.BlockVariable(
                  name + "/unit/conv1/kernel", List.of(k, 3L, 3L, 4L, 4L), Manifest.PARAMETER),
              new Manifest.BlockVariable(
                  name + "/unit/bn1/gamma", List.of(k, 4L), Manifest.PARAMETER),
              new Manifest.BlockVariable(
                  name + "/unit/bn1/moving_mean", List.of(k, 4L), Manifest.STATE));
      blocks.add(
          new Manifest.BlockEntry(
              name,
              b.basis().toString(),
              (int) k,
              b.steps(),
              b.scheme().toString(),
              b.epsilon(),
              vars));
      for (Manifest.BlockVariable v : vars) {
        variables.add(new Manifest.VariableEntry(v.name(), v.shape(), "float32", v.kind(), name));
      }
    }
    variables.add(
        new Manifest.VariableEntry(
            "head/dense/kernel", List.of(4L, (long) classes), "float32", Manifest.PARAMETER, null));
    Manifest.SignatureEntry signature =
        new Manifest.SignatureEntry(
            "serving_default",
            "tensorflow/serving/predict",
            List.of("serve"),
            Map.of("images", new Manifest.TensorEntry("float32", inputShape, "serve/images:0")),
            Map.of(
                "logits",
                new Manifest.TensorEntry("float32", List.of(-1L, (long) classes), "serve/logits:0"),
                "classes",
                new Manifest.TensorEntry("int64", List.of(-1L), "serve/classes:0")));
    Manifest.Provenance provenance =
        new Manifest.Provenance(
            "0.1.0-SNAPSHOT",
            "2.18.0",
            "2026-12-02T10:00:00Z",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            new Manifest.Source("compressed from models/cifar/1 by projection", "ab".repeat(32)));
    return new Manifest(
        Manifest.FORMAT_VERSION,
        spec == null ? null : tree(spec.toJson()),
        signature,
        blocks,
        variables,
        Map.of("variables.data-00000-of-00001", 123456L, "variables.index", 789L),
        provenance);
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- layers: IDX ----

  static Target idxImages() {
    List<byte[]> seeds = new ArrayList<>();
    byte[] real = realImages(3);
    seeds.add(real);
    seeds.add(Mutator.gzip(real));
    seeds.add(images(1, 2, 2));
    seeds.add(Mutator.gzip(images(2, 3, 1)));
    seeds.add(images(0, 28, 28));
    return new Target(
        "idx-images",
        Format.IDX,
        256 * 1024,
        seeds,
        (in, scratch) ->
            IdxReader.readImages(new ByteArrayInputStream(in), "fuzz-images-idx3-ubyte"),
        (v, scratch) -> {
          IdxReader.Images im = (IdxReader.Images) v;
          require(
              im.count() >= 0 && im.rows() >= 1 && im.columns() >= 1,
              "sane dimensions " + im.count() + "x" + im.rows() + "x" + im.columns());
          require(
              (long) im.count() * im.rows() * im.columns() == im.pixels().length,
              "pixels.length " + im.pixels().length + " = count x rows x columns");
        });
  }

  static Target idxLabels() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(resource("/org/odenet4j/data/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz"));
    seeds.add(labels(2, 0, 9, 1));
    seeds.add(Mutator.gzip(labels(5, 5, 5)));
    seeds.add(labels());
    return new Target(
        "idx-labels",
        Format.IDX,
        256 * 1024,
        seeds,
        (in, scratch) ->
            IdxReader.readLabels(new ByteArrayInputStream(in), "fuzz-labels-idx1-ubyte", 10),
        (v, scratch) -> {
          int[] labels = (int[]) v;
          for (int label : labels) {
            require(label >= 0 && label < 10, "label " + label + " in 0..9");
          }
        });
  }

  private static byte[] realImages(int n) {
    byte[] all;
    try (InputStream in =
        new GZIPInputStream(
            Targets.class.getResourceAsStream(
                "/org/odenet4j/data/fashion-mnist-subset/t10k-images-idx3-ubyte.gz"))) {
      all = in.readNBytes(16 + n * 28 * 28);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all[4] = 0;
    all[5] = 0;
    all[6] = 0;
    all[7] = (byte) n; // count
    return all;
  }

  private static byte[] images(int count, int rows, int columns) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(count);
      out.writeInt(rows);
      out.writeInt(columns);
      for (int i = 0; i < count * rows * columns; i++) {
        out.write(i * 37 + 11);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] labels(int... labels) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(labels.length);
      for (int l : labels) {
        out.write(l);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  // ---- layers: tagged text ----

  static Target brown() {
    List<byte[]> seeds = new ArrayList<>();
    for (String file : List.of("ca01", "cg02", "cr09")) {
      seeds.add(firstLines(resource("/org/odenet4j/data/brown-subset/" + file), 6));
    }
    seeds.addAll(utf8("\n\tThe/at dog/nn ./.\n\n\ta/at  b/nn\r\n\r\n c/in 1/2/cd\r\n", "word/tag"));
    return new Target(
        "brown",
        Format.TEXT,
        64 * 1024,
        seeds,
        (in, scratch) -> {
          Files.write(scratch, in);
          return BrownCorpusReader.read(scratch);
        },
        (v, scratch) -> {
          @SuppressWarnings("unchecked")
          List<TaggedSentence> sentences = (List<TaggedSentence>) v;
          for (TaggedSentence s : sentences) {
            require(
                s.length() > 0 && s.words().size() == s.tags().size(),
                "a non-empty sentence with one tag per word");
            for (int i = 0; i < s.length(); i++) {
              String w = s.words().get(i);
              String t = s.tags().get(i);
              require(
                  !w.isEmpty() && !t.isEmpty() && t.indexOf('/') < 0,
                  "word/tag split at the last '/': " + w + " / " + t);
              require(!SEPARATOR.matcher(w + t).find(), "no separator inside " + w + "/" + t);
              require(UniversalTags.TAGS.contains(UniversalTags.map(t)), "universal tag of " + t);
            }
          }
          checkCorpus(sentences, scratch);
        });
  }

  static Target conll() {
    List<byte[]> seeds =
        new ArrayList<>(
            utf8(
                "-DOCSTART-\tO\n\n# sent 1\nThe\tDET\ndog\tNOUN\n\n\n#\tSYM\n1/2\tNUM\n",
                "a\tX\r\nb\tY\r\n\r\nc\tZ\r\n",
                "EU\tNNP\nrejects\tVBZ\nGerman\tJJ\ncall\tNN\n.\t.\n\nPeter\tNNP\nBlackburn\tNNP\n"));
    try {
      seeds.add(
          Conll2Reader.format(
                  BrownCorpusReader.parse(
                      new String(
                          firstLines(resource("/org/odenet4j/data/brown-subset/cb01"), 3),
                          StandardCharsets.UTF_8),
                      "cb01"))
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Target(
        "conll",
        Format.TEXT,
        64 * 1024,
        seeds,
        (in, scratch) -> {
          Files.write(scratch, in);
          return Conll2Reader.read(scratch);
        },
        (v, scratch) -> {
          @SuppressWarnings("unchecked")
          List<TaggedSentence> sentences = (List<TaggedSentence>) v;
          for (TaggedSentence s : sentences) {
            require(s.length() > 0, "no empty sentence");
            for (int i = 0; i < s.length(); i++) {
              require(
                  !s.words().get(i).isBlank() && !s.tags().get(i).isBlank(),
                  "non-empty token and tag");
            }
          }
          require(
              again(() -> Conll2Reader.parse(Conll2Reader.format(sentences), "again"))
                  .equals(sentences),
              "format/parse round trip");
          checkCorpus(sentences, scratch);
        });
  }

  /**
   * What training does with a parsed corpus: a vocabulary of its words and a tag set of its tags,
   * both saved next to the model and read back by eval. Building may refuse (cleanly); what is
   * built must read back equal.
   */
  private static void checkCorpus(List<TaggedSentence> sentences, Path scratch) throws IOException {
    if (sentences.isEmpty()) {
      return;
    }
    Path file = scratch.resolveSibling("corpus-list.txt");
    Vocabulary vocab = Vocabulary.build(sentences, 1, false);
    vocab.save(file);
    require(
        again(() -> Vocabulary.load(file)).equals(vocab),
        "vocabulary of the corpus reads back equal");
    TagSet tags = TagSet.build(sentences); // may throw its clean error
    tags.save(file);
    require(again(() -> TagSet.load(file)).equals(tags), "tag set of the corpus reads back equal");
  }

  // ---- layers: vocabulary and tag set files (ListFile) ----

  static Target vocabulary() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(
        Vocabulary.buildFromTokens(
                List.of(
                    "the", "The", "cat", "sat", "on", "the", "mat", "a", "cat", "b", "b", "THE"),
                1,
                true)
            .toBytes());
    seeds.add(
        Vocabulary.buildFromTokens(List.of("naïve", "café", "café", "#", "1/2", "<pad>"), 1, false)
            .toBytes());
    seeds.add(Vocabulary.buildFromTokens(List.of("x"), 2, false).toBytes());
    seeds.add(
        utf8("# odenet4j vocabulary\n# lowercase=true min-count=1 size=3\n<pad>\n<unk>\nhello\n")
            .get(0));
    return new Target(
        "vocabulary",
        Format.TEXT,
        64 * 1024,
        seeds,
        (in, scratch) -> {
          Files.write(scratch, in);
          return Vocabulary.load(scratch);
        },
        (v, scratch) -> {
          Vocabulary vocab = (Vocabulary) v;
          require(
              vocab.size() >= 2
                  && vocab.word(Vocabulary.PAD).equals(Vocabulary.PAD_TOKEN)
                  && vocab.word(Vocabulary.UNK).equals(Vocabulary.UNK_TOKEN),
              "PAD and UNK first");
          require(vocab.minCount() >= 1, "min-count >= 1");
          vocab.save(scratch);
          require(again(() -> Vocabulary.load(scratch)).equals(vocab), "save/load round trip");
        });
  }

  static Target tagSet() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(TagSet.universal().toBytes());
    seeds.add(TagSet.of(List.of("at", "nn", "in", "np-tl", "pps+bez", "``")).toBytes());
    seeds.add(utf8("# odenet4j tagset\n# size=1\nX\n").get(0));
    return new Target(
        "tagset",
        Format.TEXT,
        64 * 1024,
        seeds,
        (in, scratch) -> {
          Files.write(scratch, in);
          return TagSet.load(scratch);
        },
        (v, scratch) -> {
          TagSet tags = (TagSet) v;
          require(tags.size() >= 1, "at least one tag");
          for (int i = 0; i < tags.size(); i++) {
            require(tags.id(tags.tag(i)) == i, "ids are positions");
          }
          tags.save(scratch);
          require(again(() -> TagSet.load(scratch)).equals(tags), "save/load round trip");
        });
  }

  // ---- helpers ----

  static void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("invariant broken: " + what);
    }
  }

  /** Re-reading what the library itself wrote must succeed: any exception breaks the invariant. */
  static <T> T again(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      AssertionError broken =
          new AssertionError("invariant broken: re-reading its own output threw " + e);
      broken.initCause(e);
      throw broken;
    }
  }

  /**
   * Bytes as a command-line argument or JSON text would arrive: UTF-8, malformed bytes replaced.
   */
  static String text(byte[] in) {
    return new String(in, StandardCharsets.UTF_8);
  }

  private static List<byte[]> utf8(String... texts) {
    List<byte[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] resource(String name) {
    try (InputStream in = Targets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text up to the end of its {@code n}-th non-blank line. */
  private static byte[] firstLines(byte[] text, int n) {
    String s = new String(text, StandardCharsets.UTF_8);
    int seen = 0;
    int at = 0;
    for (String line : s.split("\n", -1)) {
      at += line.length() + 1;
      if (!line.isBlank() && ++seen == n) {
        break;
      }
    }
    return s.substring(0, Math.min(at, s.length())).getBytes(StandardCharsets.UTF_8);
  }
}
