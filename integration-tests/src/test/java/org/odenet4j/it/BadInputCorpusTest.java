package org.odenet4j.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.VersionPublisher;

/**
 * A corpus of bad inputs, each run as a real {@code odenet} process (a fresh JVM started like a
 * user starts it, without any {@code TF_*} environment variable; see {@link Forks#odenet}). For
 * every case the error contract of the README holds:
 *
 * <ul>
 *   <li>exit 2 for bad input (3 when the {@code compress --max-drop} gate refuses; 1 for a failure
 *       that is not the input's fault, here only a full disk);
 *   <li>stderr is exactly one line {@code odenet: error: …} naming the file or flag, with {@code
 *       expected …, found …} where today's message has that form, and the pinned part of today's
 *       message; no exception class name, no stack trace; nothing on stdout for exit 2;
 *   <li>the inputs (the SavedModel source, the data files) are unchanged: SHA-256 of every file
 *       before and after;
 *   <li>no version appeared under the output BASE and no staging directory was left behind (the
 *       only new entry a failed run may leave in BASE is the hidden publish lock file).
 * </ul>
 *
 * The sources are copies of one tiny image model (8×8×1, width 4, 3 classes, piecewise_constant:2,
 * 2 steps) exported once in this JVM, each damaged in one way. The processes run two at a time;
 * each case is a dynamic test named after what it feeds to which command.
 *
 * <p>An unwritable output: the tests run as root, whom {@code chmod 555} does not stop, so one case
 * puts {@code --out} under a regular file and one mounts a read-only tmpfs. A full disk is a 64 KiB
 * tmpfs filled up. Mounting needs root; without it those two cases are skipped, saying why.
 */
class BadInputCorpusTest {
  @TempDir static Path tmp;

  static final ImageModelSpec SPEC =
      ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("piecewise_constant:2", 2));
  static final String DATA = "variables/variables.data-00000-of-00001";
  static final String INDEX = "variables/variables.index";

  /** The valid source: version 1 under {@code tmp/good}. */
  static Path good;

  /** 16 valid 8×8 IDX images and labels 0..2. */
  static Path images;

  static Path labels;

  static ExecutorService pool;
  static final List<Path> mounts = new ArrayList<>();

  @BeforeAll
  static void exportTheValidSource() {
    good = CorpusFixtures.exportImage(SPEC, tmp.resolve("good"), 1);
    byte[] pixels = CorpusFixtures.pixels(16, 2);
    images = CorpusFixtures.idxImages(tmp.resolve("data/images.idx"), pixels);
    int[] l = new int[16];
    for (int i = 0; i < l.length; i++) {
      l[i] = i % 3;
    }
    labels = CorpusFixtures.idxLabels(tmp.resolve("data/labels.idx"), l);
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void cleanUp() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
    for (Path m : mounts) {
      CorpusFixtures.unmount(m);
    }
  }

  /** What one process did. */
  record Run(int exit, String out, String err, long millis) {}

  /**
   * One bad input: the command line, what the one error line must say, and what must not change.
   */
  static final class Case {
    final String name;
    final Path dir;
    List<String> args = List.of();
    int exit = 2;
    String names;
    final List<String> says = new ArrayList<>();
    boolean expectedFound = true;
    final List<Path> inputs = new ArrayList<>();
    Path base;
    String skip;
    final Map<Path, Map<String, String>> before = new LinkedHashMap<>();
    List<String> baseBefore = List.of();
    Future<Run> run;

    Case(String name, Path dir) {
      this.name = name;
      this.dir = dir;
    }

    Case run(Object... a) {
      List<String> list = new ArrayList<>();
      for (Object o : a) {
        list.add(o.toString());
      }
      args = list;
      return this;
    }

    /** The file or flag the error line must name. */
    Case names(Object what) {
      names = what.toString();
      return this;
    }

    /** Parts of today's message the line must contain. */
    Case says(String... parts) {
      says.addAll(List.of(parts));
      return this;
    }

    /**
     * Today's message does not have the "expected …, found …" form (picocli's unknown-option
     * message).
     */
    Case notExpectedFoundForm() {
      expectedFound = false;
      return this;
    }

    Case exit(int code) {
      exit = code;
      return this;
    }

    /** Files or directories the command reads: they must be unchanged. */
    Case inputs(Path... paths) {
      inputs.addAll(List.of(paths));
      return this;
    }

    /** The output BASE: no version may appear in it. */
    Case base(Path b) {
      base = b;
      return this;
    }

    Case skip(String why) {
      skip = why;
      return this;
    }

    void snapshot() {
      for (Path p : inputs) {
        before.put(p, CorpusFixtures.hashes(p));
      }
      if (base != null) {
        baseBefore = CorpusFixtures.names(base);
      }
    }

    Run execute() throws Exception {
      Path cwd = Files.createDirectories(dir.resolve("cwd"));
      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      long start = System.nanoTime();
      Process p =
          Forks.odenet(args.toArray(String[]::new))
              .directory(cwd.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(name + ": odenet " + args + " did not finish in 180 s");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          (System.nanoTime() - start) / 1_000_000);
    }

    void check() throws Exception {
      Assumptions.assumeTrue(skip == null, () -> name + ": skipped: " + skip);
      Run r = run.get();
      System.out.printf(
          "CASE %s | exit %d | %d ms | %s%n",
          name, r.exit(), r.millis(), r.err().strip().replace("\n", " \\n "));
      String context =
          String.format(
              "%s%nodenet %s%nexit %d%n--- stderr ---%n%s--- stdout ---%n%s",
              name, String.join(" ", args), r.exit(), r.err(), r.out());
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(r.exit()).as("exit code; %s", context).isEqualTo(exit);
      List<String> lines = r.err().lines().toList();
      soft.assertThat(lines).as("stderr: exactly one line; %s", context).hasSize(1);
      // the one line; if there are more, the content checks look at odenet's own line (the count
      // check fails anyway)
      String line =
          lines.stream()
              .filter(l -> l.startsWith("odenet: "))
              .findFirst()
              .orElse(lines.isEmpty() ? "" : lines.get(0));
      soft.assertThat(line)
          .as("the error line; %s", context)
          .startsWith("odenet: error: ")
          .contains(names);
      if (expectedFound) {
        soft.assertThat(line)
            .as("expected/found; %s", context)
            .contains("expected")
            .contains("found");
      }
      for (String s : says) {
        soft.assertThat(line).as("today's message; %s", context).contains(s);
      }
      soft.assertThat(r.err())
          .as("no exception name or stack trace; %s", context)
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      if (exit == 2) {
        soft.assertThat(r.out()).as("stdout; %s", context).isEmpty();
      }
      for (Map.Entry<Path, Map<String, String>> e : before.entrySet()) {
        soft.assertThat(CorpusFixtures.hashes(e.getKey()))
            .as("input %s unchanged (SHA-256 of every file); %s", e.getKey(), context)
            .isEqualTo(e.getValue());
      }
      if (base != null) {
        List<String> added = new ArrayList<>(CorpusFixtures.names(base));
        added.removeAll(baseBefore);
        soft.assertThat(added)
            .as("new entries in BASE %s; %s", base, context)
            .noneMatch(n -> n.matches("\\d+"))
            .noneMatch(n -> n.startsWith(".tmp-"))
            .allMatch(n -> n.equals(VersionPublisher.LOCK_FILE));
      }
      soft.assertThat(CorpusFixtures.names(dir.resolve("cwd")))
          .as("no crash report (hs_err_pid*.log) in the working directory; %s", context)
          .noneMatch(n -> n.startsWith("hs_err"));
      soft.assertAll();
    }
  }

  private final List<Case> cases = new ArrayList<>();

  private Case c(String name) {
    Path dir = tmp.resolve("cases").resolve(String.format("%02d", cases.size() + 1));
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Case c = new Case(name, dir);
    cases.add(c);
    return c;
  }

  /** A fresh copy of the valid source in the case's directory. */
  private static Path copy(Case c) {
    return CorpusFixtures.copyTree(good, c.dir.resolve("model"));
  }

  @TestFactory
  Stream<DynamicTest> badInputs() {
    savedModelFiles();
    variableShards();
    foreignSavedModels();
    manifestDisagreements();
    nonFiniteWeights();
    basisAndStepFlags();
    outputs();
    unknownFlags();
    idxData();
    textData();
    qualityGate();
    for (Case c : cases) {
      if (c.skip == null) {
        c.snapshot();
        c.run = pool.submit(c::execute);
      }
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, c::check));
  }

  // ---- saved_model.pb -------------------------------------------------------------------------

  private void savedModelFiles() {
    Case c = c("compress: source directory missing (the issue's example)");
    Path missing = c.dir.resolve("no/such/dir");
    c.run("compress", missing, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:2")
        .names(missing)
        .says("directory: expected a SavedModel directory, found no such directory")
        .base(c.dir.resolve("out"));

    c = c("inspect: saved_model.pb missing");
    Path m = copy(c);
    CorpusFixtures.delete(m.resolve("saved_model.pb"));
    c.run("inspect", m)
        .names(m.resolve("saved_model.pb"))
        .says("file: expected a SavedModel protobuf, found no such file")
        .inputs(m);

    c = c("eval: saved_model.pb missing");
    m = copy(c);
    CorpusFixtures.delete(m.resolve("saved_model.pb"));
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve("saved_model.pb"))
        .says("file: expected a SavedModel protobuf, found no such file")
        .inputs(m, images, labels);

    c = c("inspect: saved_model.pb empty (0 bytes)");
    m = copy(c);
    CorpusFixtures.write(m.resolve("saved_model.pb"), new byte[0]);
    c.run("inspect", m).names(m.resolve("saved_model.pb")).inputs(m);

    c = c("inspect: saved_model.pb truncated to half");
    m = copy(c);
    Path pb = m.resolve("saved_model.pb");
    CorpusFixtures.truncate(pb, size(pb) / 2);
    c.run("inspect", m)
        .names(pb)
        .says("protobuf: expected a SavedModel message, found unparsable bytes")
        .inputs(m);

    c = c("compress: saved_model.pb random bytes");
    m = copy(c);
    pb = m.resolve("saved_model.pb");
    CorpusFixtures.randomBytes(pb, 4096, 11);
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(pb)
        .says("protobuf: expected a SavedModel message, found unparsable bytes")
        .inputs(m)
        .base(c.dir.resolve("out"));
  }

  // ---- variables/ -----------------------------------------------------------------------------

  private void variableShards() {
    Case c = c("inspect: variables data shard missing");
    Path m = copy(c);
    CorpusFixtures.delete(m.resolve(DATA));
    c.run("inspect", m)
        .names(m.resolve(DATA))
        .says("file: expected the checkpoint data, found no such file")
        .inputs(m);

    c = c("compress: variables data shard missing");
    m = copy(c);
    CorpusFixtures.delete(m.resolve(DATA));
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(m.resolve(DATA))
        .says("file: expected the checkpoint data, found no such file")
        .inputs(m)
        .base(c.dir.resolve("out"));

    c = c("eval: variables.index missing");
    m = copy(c);
    CorpusFixtures.delete(m.resolve(INDEX));
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve(INDEX))
        .says("file: expected the checkpoint index, found no such file")
        .inputs(m, images, labels);

    c = c("compress: variables data shard truncated");
    m = copy(c);
    Path data = m.resolve(DATA);
    long size = size(data);
    CorpusFixtures.truncate(data, size / 2);
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(data)
        .says(
            "size: expected "
                + size
                + " bytes (as in the manifest), found "
                + size / 2
                + " (truncated)")
        .inputs(m)
        .base(c.dir.resolve("out"));

    c = c("inspect: variables.index truncated");
    m = copy(c);
    Path index = m.resolve(INDEX);
    long indexSize = size(index);
    CorpusFixtures.truncate(index, indexSize / 2);
    c.run("inspect", m)
        .names(index)
        .says("size: expected " + indexSize + " bytes (as in the manifest), found " + indexSize / 2)
        .inputs(m);

    c = c("sweep: variables data shard corrupted (one byte flipped)");
    m = copy(c);
    CorpusFixtures.flipByte(m.resolve(DATA), 17);
    c.run("sweep", m, "--sizes", "2,1", "--keep", c.dir.resolve("kept"))
        .names(m.resolve(Manifest.PATH))
        .says("provenance.variables_sha256: expected ")
        .inputs(m)
        .base(c.dir.resolve("kept"));

    c = c("inspect: variables.index corrupted (random bytes), no manifest");
    m = copy(c);
    CorpusFixtures.delete(m.resolve(Manifest.PATH));
    CorpusFixtures.randomBytes(m.resolve(INDEX), (int) indexSize, 14);
    c.run("inspect", m)
        .names(m.resolve("variables/variables"))
        .says("checkpoint: expected readable values for ")
        .inputs(m);
  }

  // ---- SavedModels that odenet4j did not write ------------------------------------------------

  private void foreignSavedModels() {
    Case c = c("inspect: TF Java SavedModel tagged 'train', not 'serve'");
    Path m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "train", "serving_default");
    c.run("inspect", m)
        .names(m.resolve("saved_model.pb"))
        .says(
            "meta_graphs.meta_info_def.tags: expected a meta graph tagged 'serve', found [[train]]")
        .inputs(m);

    c = c("eval: TF Java SavedModel tagged 'train', not 'serve'");
    m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "train", "serving_default");
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve("saved_model.pb"))
        .says("expected a meta graph tagged 'serve', found [[train]]")
        .inputs(m, images, labels);

    c = c("inspect: TF Java SavedModel without serving_default (signature 'predict')");
    m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "serve", "predict");
    c.run("inspect", m)
        .names(m.resolve("saved_model.pb"))
        .says(
            "signature_def: expected 'serving_default' in the meta graph tagged 'serve', found [predict]")
        .inputs(m);

    c = c("eval: TF Java SavedModel without serving_default (signature 'predict')");
    m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "serve", "predict");
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve("saved_model.pb"))
        .says("signature_def: expected 'serving_default'")
        .inputs(m, images, labels);

    c =
        c(
            "compress: plain TF Java SavedModel (serve, serving_default), no odenet4j manifest or ODE blocks");
    m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "serve", "serving_default");
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(m.resolve(Manifest.PATH))
        .says(
            "file: expected an odenet manifest (it names the ODE blocks to compress), found no such file")
        .inputs(m)
        .base(c.dir.resolve("out"));

    c = c("eval: plain TF Java SavedModel, no odenet4j manifest");
    m = CorpusFixtures.tfJavaSavedModel(c.dir.resolve("model"), "serve", "serving_default");
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve(Manifest.PATH))
        .says("file: expected an odenet manifest, found no such file")
        .inputs(m, images, labels);
  }

  // ---- assets.extra/odenet.json ---------------------------------------------------------------

  private void manifestDisagreements() {
    Case c = c("inspect: manifest gives head/dense/bias shape [4], the variables have [3]");
    Path m = copy(c);
    CorpusFixtures.editJson(
        m.resolve(Manifest.PATH),
        root ->
            variable(root, "head/dense/bias")
                .set("shape", CorpusFixtures.JSON.createArrayNode().add(4)));
    c.run("inspect", m)
        .names(m.resolve(Manifest.PATH))
        .says("variables[head/dense/bias].shape: expected [3] (as in saved_model.pb), found [4]")
        .inputs(m);

    c = c("eval: manifest gives head/dense/bias dtype float64, the variable is float32");
    m = copy(c);
    CorpusFixtures.editJson(
        m.resolve(Manifest.PATH),
        root -> variable(root, "head/dense/bias").put("dtype", "float64"));
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve(Manifest.PATH))
        .says(
            "variables[head/dense/bias].dtype: expected float32 (as in saved_model.pb), found float64")
        .inputs(m, images, labels);

    c = c("compress: manifest gives the first ODE block k = 3, its basis and variables have K = 2");
    m = copy(c);
    CorpusFixtures.editJson(
        m.resolve(Manifest.PATH), root -> ((ObjectNode) root.get("ode_blocks").get(0)).put("k", 3));
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(m.resolve(Manifest.PATH))
        .says("ode_blocks[stage1/block]: k: expected 2 (the K of piecewise_constant:2), found 3")
        .inputs(m)
        .base(c.dir.resolve("out"));

    c = c("inspect: manifest is not JSON");
    m = copy(c);
    CorpusFixtures.writeString(
        m.resolve(Manifest.PATH), "{\"format_version\": 1, \"variables\": [");
    c.run("inspect", m)
        .names(m.resolve(Manifest.PATH))
        .says("manifest: expected odenet manifest JSON, found")
        .inputs(m);
  }

  private static ObjectNode variable(ObjectNode manifest, String name) {
    for (var v : (ArrayNode) manifest.get("variables")) {
      if (v.get("name").asText().equals(name)) {
        return (ObjectNode) v;
      }
    }
    throw new AssertionError("no variable " + name + " in the manifest");
  }

  // ---- NaN / Inf ------------------------------------------------------------------------------

  private void nonFiniteWeights() {
    Case c = c("inspect: NaN in head/dense/bias");
    Path m =
        CorpusFixtures.exportWithValue(
            SPEC, good, c.dir.resolve("base"), "head/dense/bias", Float.NaN);
    c.run("inspect", m)
        .names(m.resolve("variables/variables"))
        .says("head/dense/bias: expected finite values, found NaN at flat index 1 of 3")
        .inputs(m);

    c = c("eval: NaN in head/dense/bias");
    m =
        CorpusFixtures.exportWithValue(
            SPEC, good, c.dir.resolve("base"), "head/dense/bias", Float.NaN);
    c.run("eval", m, "--test-images", images, "--test-labels", labels)
        .names(m.resolve("variables/variables"))
        .says("head/dense/bias: expected finite values, found NaN at flat index 1 of 3")
        .inputs(m, images, labels);

    c = c("compress: +Inf in head/dense/bias");
    m =
        CorpusFixtures.exportWithValue(
            SPEC, good, c.dir.resolve("base"), "head/dense/bias", Float.POSITIVE_INFINITY);
    c.run("compress", m, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:1")
        .names(m.resolve("variables/variables"))
        .says("head/dense/bias: expected finite values, found")
        .inputs(m)
        .base(c.dir.resolve("out"));

    c = c("sweep: -Inf in an ODE block's coefficients (stage1/block/conv1/kernel)");
    m =
        CorpusFixtures.exportWithValue(
            SPEC,
            good,
            c.dir.resolve("base"),
            "stage1/block/conv1/kernel",
            Float.NEGATIVE_INFINITY);
    c.run("sweep", m, "--sizes", "1", "--keep", c.dir.resolve("kept"))
        .names(m.resolve("variables/variables"))
        .says("stage1/block/conv1/kernel: expected finite values, found")
        .inputs(m)
        .base(c.dir.resolve("kept"));
  }

  // ---- basis, K and steps ---------------------------------------------------------------------

  private void basisAndStepFlags() {
    Case c = c("compress --basis foo:4 (unknown family)");
    c.run("compress", good, "--out", c.dir.resolve("out"), "--basis", "foo:4")
        .names("--basis")
        .says(
            "basis family: expected one of piecewise_constant, piecewise_linear, fem_linear, legendre, found 'foo'")
        .inputs(good)
        .base(c.dir.resolve("out"));

    c = c("basis project --from foo:4 (unknown family)");
    c.run(
            "basis",
            "project",
            "--from",
            "foo:4",
            "--to",
            "piecewise_constant:2",
            "--coeffs",
            "1,2,3,4")
        .names("--from")
        .says(
            "expected one of piecewise_constant, piecewise_linear, fem_linear, legendre, found 'foo'");

    c = c("sweep --family foo (unknown family)");
    c.run("sweep", good, "--family", "foo", "--keep", c.dir.resolve("kept"))
        .names("--family")
        .says(
            "basis family: expected one of piecewise_constant, piecewise_linear, fem_linear, legendre, found 'foo'")
        .inputs(good)
        .base(c.dir.resolve("kept"));

    c = c("compress --basis piecewise_constant:0 (K < 1)");
    c.run("compress", good, "--out", c.dir.resolve("out"), "--basis", "piecewise_constant:0")
        .names("--basis")
        .says("piecewise_constant: expected K >= 1, found K = 0")
        .inputs(good)
        .base(c.dir.resolve("out"));

    c = c("basis project --to piecewise_constant:0 (K < 1)");
    c.run(
            "basis",
            "project",
            "--from",
            "piecewise_constant:2",
            "--to",
            "piecewise_constant:0",
            "--coeffs",
            "1,2")
        .names("--to")
        .says("piecewise_constant: expected K >= 1, found K = 0");

    c = c("train image --basis piecewise_constant:0 (K < 1)");
    c.run(train(c, "--basis", "piecewise_constant:0"))
        .names("--basis")
        .says("piecewise_constant: expected K >= 1, found K = 0")
        .inputs(images, labels)
        .base(c.dir.resolve("out"));

    c = c("compress --basis piecewise_linear:3 (odd K)");
    c.run("compress", good, "--out", c.dir.resolve("out"), "--basis", "piecewise_linear:3")
        .names("--basis")
        .says("piecewise_linear: expected an even K >= 2, found K = 3")
        .inputs(good)
        .base(c.dir.resolve("out"));

    c = c("basis project --from piecewise_linear:3 (odd K)");
    c.run(
            "basis",
            "project",
            "--from",
            "piecewise_linear:3",
            "--to",
            "piecewise_constant:1",
            "--coeffs",
            "1,2,3")
        .names("--from")
        .says("piecewise_linear: expected an even K >= 2, found K = 3");

    c = c("sweep --family piecewise_linear --sizes 3 (odd K)");
    c.run(
            "sweep",
            good,
            "--family",
            "piecewise_linear",
            "--sizes",
            "3",
            "--keep",
            c.dir.resolve("kept"))
        .names("stage1/block")
        .says(
            "sweep K for block stage1/block: piecewise_linear: expected an even K >= 2, found K = 3")
        .inputs(good)
        .base(c.dir.resolve("kept"));

    c = c("train image --basis piecewise_linear:3 (odd K)");
    c.run(train(c, "--basis", "piecewise_linear:3"))
        .names("--basis")
        .says("piecewise_linear: expected an even K >= 2, found K = 3")
        .inputs(images, labels)
        .base(c.dir.resolve("out"));

    c = c("compress --steps 0");
    c.run("compress", good, "--out", c.dir.resolve("out"), "--steps", "0")
        .names("--steps")
        .says("--steps: expected N >= 1, found 0")
        .inputs(good)
        .base(c.dir.resolve("out"));

    c = c("sweep --steps 4,0");
    c.run("sweep", good, "--steps", "4,0", "--keep", c.dir.resolve("kept"))
        .names("--steps")
        .says("--steps: expected integers >= 1, found 0")
        .inputs(good)
        .base(c.dir.resolve("kept"));

    c = c("train image --steps 0");
    c.run(train(c, "--steps", "0"))
        .names("--steps")
        .says("--steps: expected N >= 1, found 0")
        .inputs(images, labels)
        .base(c.dir.resolve("out"));

    c = c("compress --block stage1/block=piecewise_constant:2/0/euler (steps 0 for one block)");
    c.run(
            "compress",
            good,
            "--out",
            c.dir.resolve("out"),
            "--block",
            "stage1/block=piecewise_constant:2/0/euler")
        .names("--block")
        .says("--block stage1/block: steps: expected N >= 1, found 0")
        .inputs(good)
        .base(c.dir.resolve("out"));
  }

  /**
   * {@code train image} on the small valid IDX files (train = test) with the 8×8 model's flags,
   * plus {@code extra}.
   */
  private static Object[] train(Case c, String... extra) {
    List<Object> a =
        new ArrayList<>(
            List.of(
                "train",
                "image",
                "--train-images",
                images,
                "--train-labels",
                labels,
                "--test-images",
                images,
                "--test-labels",
                labels,
                "--input",
                "8x8x1",
                "--classes",
                "3",
                "--width",
                "4",
                "--epochs",
                "1",
                "--batch",
                "8",
                "--progress",
                "none",
                "--out",
                c.dir.resolve("out")));
    a.addAll(List.of(extra));
    return a.toArray();
  }

  // ---- where the output goes ------------------------------------------------------------------

  private void outputs() {
    Case c = c("compress --out inside the source");
    Path m = copy(c);
    c.run("compress", m, "--out", m.resolve("inside"), "--basis", "piecewise_constant:1")
        .names(m.resolve("inside"))
        .says("expected a directory outside the source")
        .inputs(m)
        .base(m.resolve("inside"));

    c = c("sweep --keep the source's own base");
    Path keepBase = c.dir.resolve("base");
    m = CorpusFixtures.copyTree(good, keepBase.resolve("1"));
    c.run("sweep", m, "--sizes", "1", "--keep", keepBase)
        .names(keepBase)
        .says("keep: expected a base other than the source's own (")
        .inputs(m)
        .base(keepBase);

    c = c("compress --version 1 into a base that has version 1");
    Path base = c.dir.resolve("out");
    CorpusFixtures.copyTree(good, base.resolve("1"));
    c.run("compress", good, "--out", base, "--version", "1", "--basis", "piecewise_constant:1")
        .names(base.resolve("1"))
        .says("version: expected a new version, found version 1 already exists (not overwritten)")
        .inputs(good, base)
        .base(base);

    c = c("train image --version 2 into a base that has version 2");
    base = c.dir.resolve("out");
    CorpusFixtures.copyTree(good, base.resolve("2"));
    c.run(train(c, "--version", "2"))
        .names(base.resolve("2"))
        .says("version: expected a new version, found version 2 already exists (not overwritten)")
        .inputs(base, images, labels)
        .base(base);

    c = c("compress --out under a regular file (its parent is a file)");
    Path file = CorpusFixtures.writeString(c.dir.resolve("a-file"), "not a directory\n");
    c.run("compress", good, "--out", file.resolve("models"), "--basis", "piecewise_constant:1")
        .names("--out")
        .says(
            "--out: expected a folder to create "
                + file.resolve("models")
                + " in, found "
                + file
                + ", a file")
        .inputs(good, file)
        .base(file.resolve("models"));

    c = c("sweep --keep under a regular file (its parent is a file)");
    file = CorpusFixtures.writeString(c.dir.resolve("a-file"), "not a directory\n");
    c.run("sweep", good, "--sizes", "1", "--keep", file.resolve("kept"))
        .names("--keep")
        .says(
            "--keep: expected a folder to create "
                + file.resolve("kept")
                + " in, found "
                + file
                + ", a file")
        .inputs(good, file)
        .base(file.resolve("kept"));

    c = c("train image --out under a regular file (its parent is a file)");
    file = CorpusFixtures.writeString(c.dir.resolve("a-file"), "not a directory\n");
    List<Object> a = new ArrayList<>(List.of(train(c)));
    a.set(a.indexOf("--out") + 1, file.resolve("models"));
    c.run(a.toArray())
        .names("--out")
        .says(
            "--out: expected a folder to create "
                + file.resolve("models")
                + " in, found "
                + file
                + ", a file")
        .inputs(file, images, labels)
        .base(file.resolve("models"));

    // a read-only file system refuses root too (chmod 555 would not: these tests run as root)
    c = c("compress --out on a read-only file system (tmpfs mounted ro)");
    Path ro = c.dir.resolve("ro");
    String why = CorpusFixtures.mountTmpfs(ro, "ro,size=64k");
    if (why != null) {
      c.skip(why);
    } else {
      mounts.add(ro);
      c.run("compress", good, "--out", ro.resolve("models"), "--basis", "piecewise_constant:1")
          .names("--out")
          .says(
              "--out: expected a writable folder to create "
                  + ro.resolve("models")
                  + " in, found "
                  + ro
                  + ", read-only")
          .inputs(good)
          .base(ro.resolve("models"));
    }

    // a full disk is not bad input: README, exit codes: "1 any other failure", still one line,
    // nothing published
    c = c("compress --out on a full disk (tmpfs of 64 KiB, filled)");
    Path full = c.dir.resolve("full");
    why = CorpusFixtures.mountTmpfs(full, "size=64k");
    if (why != null) {
      c.skip(why);
    } else {
      mounts.add(full);
      CorpusFixtures.fill(full);
      c.exit(1)
          .run("compress", good, "--out", full.resolve("models"), "--basis", "piecewise_constant:1")
          .names(full.resolve("models"))
          .says(": export failed: checkpoint write failed: ", "No space left on device")
          .notExpectedFoundForm()
          .inputs(good)
          .base(full.resolve("models"));
    }
  }

  // ---- unknown flags and commands -------------------------------------------------------------

  private void unknownFlags() {
    Case c = c("compress --bogus (unknown option)");
    c.run("compress", good, "--out", c.dir.resolve("out"), "--bogus")
        .names("--bogus")
        .says("Unknown option: '--bogus'")
        .notExpectedFoundForm()
        .inputs(good)
        .base(c.dir.resolve("out"));

    c = c("inspect --frobnicate (unknown option)");
    c.run("inspect", good, "--frobnicate")
        .names("--frobnicate")
        .notExpectedFoundForm()
        .inputs(good);

    c = c("train image --epochz 2 (misspelt option)");
    c.run(train(c, "--epochz", "2"))
        .names("--epochz")
        .says("did you mean")
        .notExpectedFoundForm()
        .inputs(images, labels)
        .base(c.dir.resolve("out"));

    c = c("odenet frobnicate (unknown command)");
    c.run("frobnicate", good)
        .names("frobnicate")
        .says("unknown command: expected one of ", "found 'frobnicate'");
  }

  // ---- IDX data files -------------------------------------------------------------------------

  private void idxData() {
    Case c = c("eval --test-images with a wrong magic number (a labels file)");
    c.run("eval", good, "--test-images", labels, "--test-labels", labels)
        .names(labels)
        .says("magic number: expected 0x00000803 (IDX images), found 0x00000801 (IDX labels)")
        .inputs(good, images, labels);

    c = c("eval --test-images truncated");
    Path cut = CorpusFixtures.idxImages(c.dir.resolve("images.idx"), CorpusFixtures.pixels(16, 2));
    CorpusFixtures.truncate(cut, 16 + 64 * 10 + 5);
    c.run("eval", good, "--test-images", cut, "--test-labels", labels)
        .names(cut)
        .says("(truncated file)")
        .inputs(good, cut, labels);

    c = c("eval --test-labels with 15 labels for 16 images");
    Path fewer = CorpusFixtures.idxLabels(c.dir.resolve("labels.idx"), new int[15]);
    c.run("eval", good, "--test-images", images, "--test-labels", fewer)
        .names(fewer)
        .says("label count (must match " + images + ")")
        .inputs(good, images, fewer);

    c = c("train image --train-labels with 15 labels for 16 images (fails before training)");
    fewer = CorpusFixtures.idxLabels(c.dir.resolve("labels.idx"), new int[15]);
    List<Object> a = new ArrayList<>(List.of(train(c)));
    a.set(a.indexOf("--train-labels") + 1, fewer);
    c.run(a.toArray())
        .names(fewer)
        .says("label count (must match " + images + ")")
        .inputs(images, labels, fewer)
        .base(c.dir.resolve("out"));
  }

  // ---- tagging text ---------------------------------------------------------------------------

  private void textData() {
    Case c = c("train tagger --test-text with a malformed Brown line (a token without /tag)");
    Path train =
        CorpusFixtures.writeString(
            c.dir.resolve("train.txt"), "The/at cat/nn sat/vbd ./.\nA/at dog/nn ran/vbd ./.\n");
    Path test =
        CorpusFixtures.writeString(
            c.dir.resolve("test.txt"), "The/at dog/nn sat/vbd ./.\nA/at cat ran/vbd ./.\n");
    c.run(tagger(c, train, test, "brown"))
        .names(test)
        .says("line 2, token 2: expected word/tag with a non-empty word and tag, found 'cat'")
        .inputs(train, test)
        .base(c.dir.resolve("out"));

    c = c("train tagger --test-text with a malformed CoNLL line (3 fields)");
    train =
        CorpusFixtures.writeString(
            c.dir.resolve("train.conll"), "The\tDET\ncat\tNOUN\n\nA\tDET\ndog\tNOUN\n");
    test = CorpusFixtures.writeString(c.dir.resolve("test.conll"), "The\tDET\ndog\tNOUN\textra\n");
    c.run(tagger(c, train, test, "conll2"))
        .names(test)
        .says("line 2: expected 2 tab-separated fields (token, tag), found 3 fields in ")
        .inputs(train, test)
        .base(c.dir.resolve("out"));

    c = c("train tagger --test-text not UTF-8 (Latin-1)");
    train =
        CorpusFixtures.writeString(
            c.dir.resolve("train.conll"), "The\tDET\ncat\tNOUN\n\nA\tDET\ndog\tNOUN\n");
    test =
        CorpusFixtures.write(
            c.dir.resolve("test.conll"),
            "The\tDET\ncaf\u00e9\tNOUN\n".getBytes(StandardCharsets.ISO_8859_1));
    c.run(tagger(c, train, test, "conll2"))
        .names(test)
        .says(
            "line 2: expected UTF-8 text, found the byte 0xe9 at byte offset 11, which is not UTF-8")
        .inputs(train, test)
        .base(c.dir.resolve("out"));

    c = c("train tagger --train-text with an empty tag (CoNLL)");
    train = CorpusFixtures.writeString(c.dir.resolve("train.conll"), "The\tDET\ncat\t\n");
    test = CorpusFixtures.writeString(c.dir.resolve("test.conll"), "The\tDET\ndog\tNOUN\n");
    c.run(tagger(c, train, test, "conll2"))
        .names(train)
        .says("line 2: expected a non-empty token and tag")
        .inputs(train, test)
        .base(c.dir.resolve("out"));
  }

  private static Object[] tagger(Case c, Path train, Path test, String format) {
    return new Object[] {
      "train",
      "tagger",
      "--train-text",
      train,
      "--test-text",
      test,
      "--format",
      format,
      "--min-count",
      "1",
      "--basis",
      "piecewise_constant:1",
      "--steps",
      "1",
      "--d-model",
      "8",
      "--heads",
      "1",
      "--mlp-dim",
      "8",
      "--max-length",
      "8",
      "--epochs",
      "1",
      "--progress",
      "none",
      "--out",
      c.dir.resolve("out")
    };
  }

  // ---- the accuracy gate ----------------------------------------------------------------------

  private void qualityGate() {
    Case c = c("compress --max-drop 0 when accuracy falls (quality gate, exit 3)");
    byte[] pixels = CorpusFixtures.pixels(64, 5);
    Path gateImages = CorpusFixtures.idxImages(c.dir.resolve("images.idx"), pixels);
    // labels = the source's own predictions: 100 % before, less after projecting onto one basis
    // function and one step
    Path gateLabels =
        CorpusFixtures.idxLabels(
            c.dir.resolve("labels.idx"), CorpusFixtures.predictions(good, pixels));
    c.exit(3)
        .run(
            "compress",
            good,
            "--out",
            c.dir.resolve("out"),
            "--basis",
            "piecewise_constant:1",
            "--steps",
            "1",
            "--test-images",
            gateImages,
            "--test-labels",
            gateLabels,
            "--max-drop",
            "0")
        .names("--max-drop 0")
        .says(
            "expected an accuracy drop of at most 0 percentage points, found ",
            "(100.00 % -> ",
            "nothing written")
        .inputs(good, gateImages, gateLabels)
        .base(c.dir.resolve("out"));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
