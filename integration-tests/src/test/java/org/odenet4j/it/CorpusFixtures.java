package org.odenet4j.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.odenet4j.data.IdxWriter;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.VariableValues;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Valid sources and the ways {@link BadInputCorpusTest} damages copies of them. Test helper. */
final class CorpusFixtures {
  private CorpusFixtures() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Exports {@code spec} with seeded initial values into {@code base}; returns the version
   * directory.
   */
  static Path exportImage(ImageModelSpec spec, Path base, long seed) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, seed);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        return Exporter.to(base)
            .graph(ModelExport.of(spec))
            .valuesFrom(s)
            .source("test fixture", null)
            .export()
            .directory();
      }
    }
  }

  /**
   * The model in {@code good} exported again (a consistent manifest, checksum and all) with one
   * value of {@code variable} replaced by {@code bad} (NaN or an infinity) at flat index 1.
   */
  static Path exportWithValue(
      ImageModelSpec spec, Path good, Path base, String variable, float bad) {
    try (VariableValues values = SavedModelReader.open(good).readValues()) {
      float[] v = values.floats(variable);
      v[1] = bad;
      try (TFloat32 t =
          TFloat32.tensorOf(Shape.of(values.shape(variable)), DataBuffers.of(v, true, false))) {
        Map<String, Tensor> map = new LinkedHashMap<>(values.asMap());
        map.put(variable, t);
        return Exporter.to(base)
            .graph(ModelExport.of(spec))
            .values(map)
            .source("bad-input corpus fixture", null)
            .export()
            .directory();
      }
    }
  }

  /**
   * A plain SavedModel written by TensorFlow Java's own exporter ({@code
   * SavedModelBundle.exporter}), no odenet4j manifest or ODE blocks: input {@code images} float32
   * [-1, 4], one variable, output {@code logits} = images · w, under {@code tag} with the signature
   * {@code signatureKey}.
   */
  static Path tfJavaSavedModel(Path dir, String tag, String signatureKey) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> w =
          tf.withName("w")
              .variable(
                  tf.constant(
                      new float[][] {
                        {0.1f, 0.2f, 0.3f},
                        {0.4f, 0.5f, 0.6f},
                        {0.7f, 0.8f, 0.9f},
                        {1.0f, 1.1f, 1.2f}
                      }));
      Operand<TFloat32> logits = tf.withName("logits").linalg.matMul(x, w);
      try (Session s = new Session(g)) {
        s.initialize();
        Signature sig =
            Signature.builder(signatureKey).input("images", x).output("logits", logits).build();
        SavedModelBundle.exporter(dir.toString())
            .withTags(tag)
            .withSession(s)
            .withSignature(sig)
            .export();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A copy of the directory tree {@code src} at {@code dst}. */
  static Path copyTree(Path src, Path dst) {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
      return dst;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SHA-256 of every file under {@code root} (or of {@code root} itself if it is a file), by
   * relative path; directories map to "dir".
   */
  static Map<String, String> hashes(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : s.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isDirectory(p)) {
          out.put(key + "/", "dir");
        } else {
          md.reset();
          try (InputStream in = Files.newInputStream(p)) {
            out.put(key, HexFormat.of().formatHex(md.digest(in.readAllBytes())));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names directly under {@code dir} (empty if it does not exist or is not a directory). */
  static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void truncate(Path file, long size) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the file's content by {@code n} seeded random bytes. */
  static void randomBytes(Path file, int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    write(file, b);
  }

  /** Flips every bit of the byte at {@code offset} (same size, different content). */
  static void flipByte(Path file, long offset) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(~b & 0xff);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path writeString(Path file, String text) {
    return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the JSON object in {@code file}, lets {@code edit} change it, writes it back. */
  static void editJson(Path file, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
      edit.accept(root);
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} seeded 8×8 images as IDX pixel bytes. */
  static byte[] pixels(int n, long seed) {
    byte[] p = new byte[n * 64];
    new SplittableRandom(seed).nextBytes(p);
    return p;
  }

  static Path idxImages(Path file, byte[] pixels) {
    try {
      Files.createDirectories(file.getParent());
      IdxWriter.writeImages(file, 8, 8, pixels, false);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path idxLabels(Path file, int[] labels) {
    try {
      Files.createDirectories(file.getParent());
      IdxWriter.writeLabels(file, labels, false);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model's predicted classes for 8×8 IDX pixels (scaled to [0, 1] as the evaluator does). */
  static int[] predictions(Path model, byte[] pixels) {
    int n = pixels.length / 64;
    float[] f = new float[pixels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (pixels[i] & 0xff) / 255f;
    }
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 images = TFloat32.tensorOf(Shape.of(n, 8, 8, 1), DataBuffers.of(f, true, false));
        Result r = b.function("serving_default").call(Map.of("images", images))) {
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = (int) classes.getLong(i);
      }
      return out;
    }
  }

  /**
   * Mounts a tmpfs with {@code options} (e.g. {@code size=64k}, {@code ro}) on {@code dir}; returns
   * null on success, else why it could not (e.g. not root, no mount command).
   */
  static String mountTmpfs(Path dir, String options) {
    try {
      Files.createDirectories(dir);
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "mount did not finish in 30 s";
      }
      return p.exitValue() == 0
          ? null
          : "mount -t tmpfs -o " + options + " failed (exit " + p.exitValue() + "): " + out;
    } catch (IOException e) {
      return "mount could not be run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Unmounts (lazily, so a straggling process cannot keep it busy); best effort. */
  static void unmount(Path dir) {
    try {
      Process p =
          new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // best effort
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Fills the file system holding {@code dir} with one file until a write fails (no space left).
   */
  static void fill(Path dir) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException expected) {
      // the disk is full
    }
  }
}
