package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Writes the embedded Fashion-MNIST subset from the full data: the first {@code perClassTrain}
 * training images of each class in file order (600 by default, so 6,000 in all) and the first
 * {@code perClassTest} test images of each class (100, so 1,000), kept in their original file
 * order, as gzip IDX files plus {@code SOURCE.md} and {@code LICENSE}. The selection is
 * deterministic and the gzip output has no time stamp, so re-running it reproduces the files byte
 * for byte.
 *
 * <p>Regenerate (after {@code apt-get install -y dataset-fashion-mnist} and compiling the module):
 *
 * <pre>{@code
 * java -cp basis/target/classes:data/target/classes org.odenet4j.data.FashionMnistSubsetGenerator \
 *     /usr/share/datasets/fashion-mnist \
 *     data/src/main/resources/org/odenet4j/data/fashion-mnist-subset
 * }</pre>
 */
public final class FashionMnistSubsetGenerator {

  /** Default images per class taken from the training file. */
  public static final int TRAIN_PER_CLASS = 600;

  /** Default images per class taken from the test file. */
  public static final int TEST_PER_CLASS = 100;

  private FashionMnistSubsetGenerator() {}

  /** {@code SRC_DIR OUT_DIR [TRAIN_PER_CLASS TEST_PER_CLASS]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 4) {
      System.err.println(
          "usage: FashionMnistSubsetGenerator SRC_DIR OUT_DIR"
              + " [TRAIN_PER_CLASS TEST_PER_CLASS]");
      System.exit(2);
    }
    int train = args.length == 4 ? Integer.parseInt(args[2]) : TRAIN_PER_CLASS;
    int test = args.length == 4 ? Integer.parseInt(args[3]) : TEST_PER_CLASS;
    generate(Path.of(args[0]), Path.of(args[1]), train, test);
  }

  /** Writes the subset of the data in {@code src} to {@code out}; returns the SOURCE.md text. */
  public static String generate(Path src, Path out, int trainPerClass, int testPerClass)
      throws IOException {
    Files.createDirectories(out);
    int[] trainCounts =
        write(src, out, ImageData.TRAIN_IMAGES, ImageData.TRAIN_LABELS, trainPerClass);
    int[] testCounts = write(src, out, ImageData.TEST_IMAGES, ImageData.TEST_LABELS, testPerClass);
    String version = debianVersion("dataset-fashion-mnist");
    StringBuilder md = new StringBuilder();
    md.append("# Embedded Fashion-MNIST subset\n\n")
        .append("A small, stratified subset of Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017) that ")
        .append("ships inside odenet4j-data so that training and tests run where the full data ")
        .append("is not installed. `org.odenet4j.data.ImageData.embedded()` loads it.\n\n")
        .append("## Source\n\n")
        .append("- Debian package `dataset-fashion-mnist`, version `")
        .append(version)
        .append("` (upstream https://github.com/zalandoresearch/fashion-mnist)\n")
        .append("- Read from `")
        .append(src)
        .append("`\n")
        .append(
            "- Licence: Expat (MIT), Copyright 2017 Zalando SE; see `LICENSE` in this folder.\n\n")
        .append("sha256 of the source files:\n\n```\n");
    for (String f :
        new String[] {
          ImageData.TRAIN_IMAGES,
          ImageData.TRAIN_LABELS,
          ImageData.TEST_IMAGES,
          ImageData.TEST_LABELS
        }) {
      md.append(sha256(src.resolve(f))).append("  ").append(f).append('\n');
    }
    md.append("```\n\n## Selection\n\n")
        .append("Deterministic and stratified: the first ")
        .append(trainPerClass)
        .append(" training images of each of the 10 classes in file order (")
        .append(sum(trainCounts))
        .append(" images) and the first ")
        .append(testPerClass)
        .append(" test images of each class (")
        .append(sum(testCounts))
        .append(" images). The chosen images keep their original relative order, so the first ")
        .append("image of each subset file is the first image of the full file.\n\n")
        .append("Files (gzip IDX, same layout and names as the full data):\n\n```\n");
    for (String f :
        new String[] {
          ImageData.TRAIN_IMAGES,
          ImageData.TRAIN_LABELS,
          ImageData.TEST_IMAGES,
          ImageData.TEST_LABELS
        }) {
      md.append(sha256(out.resolve(f))).append("  ").append(f).append('\n');
    }
    md.append("```\n\n## Regenerate\n\n```sh\n")
        .append("apt-get update && apt-get install -y dataset-fashion-mnist\n")
        .append("mvn -B -o -q -pl basis,data compile\n")
        .append(
            "java -cp basis/target/classes:data/target/classes org.odenet4j.data.FashionMnistSubsetGenerator \\\n")
        .append("    /usr/share/datasets/fashion-mnist \\\n")
        .append("    data/src/main/resources/org/odenet4j/data/fashion-mnist-subset\n```\n\n")
        .append("The gzip output carries no time stamp, so regenerating reproduces the files byte ")
        .append("for byte.\n");
    Files.writeString(out.resolve("SOURCE.md"), md.toString(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("LICENSE"), LICENSE, StandardCharsets.UTF_8);
    return md.toString();
  }

  private static int[] write(Path src, Path out, String imagesFile, String labelsFile, int perClass)
      throws IOException {
    IdxReader.Images images = IdxReader.readImages(src.resolve(imagesFile));
    int[] labels = IdxReader.readLabels(src.resolve(labelsFile), 10);
    if (images.count() != labels.length) {
      throw new DataFormatException(
          src.resolve(labelsFile).toString(), "label count", images.count(), labels.length);
    }
    int size = images.rows() * images.columns();
    int[] counts = new int[10];
    int taken = 0;
    int[] order = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (counts[labels[i]] < perClass) {
        counts[labels[i]]++;
        order[taken++] = i;
      }
    }
    for (int c = 0; c < 10; c++) {
      if (counts[c] < perClass) {
        throw new DataFormatException(
            src.resolve(labelsFile).toString(),
            "images of class " + c,
            "at least " + perClass,
            counts[c]);
      }
    }
    byte[] px = new byte[taken * size];
    int[] lab = new int[taken];
    for (int k = 0; k < taken; k++) {
      System.arraycopy(images.pixels(), order[k] * size, px, k * size, size);
      lab[k] = labels[order[k]];
    }
    IdxWriter.writeImages(out.resolve(imagesFile), images.rows(), images.columns(), px, true);
    IdxWriter.writeLabels(out.resolve(labelsFile), lab, true);
    return counts;
  }

  private static int sum(int[] a) {
    int s = 0;
    for (int v : a) {
      s += v;
    }
    return s;
  }

  /** Hex sha256 of a file. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The installed Debian version of {@code pkg}, or {@code "unknown"}. */
  static String debianVersion(String pkg) {
    try {
      Process p =
          new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", pkg)
              .redirectErrorStream(true)
              .start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !v.isEmpty()) {
        return v;
      }
    } catch (IOException e) {
      // no dpkg-query on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  /** The Expat licence of Fashion-MNIST, as in the Debian package's copyright file. */
  static final String LICENSE =
      String.join(
          "\n",
          "Fashion-MNIST subset (images and labels in this folder)",
          "",
          "Copyright (c) 2017 Zalando SE, https://tech.zalando.com",
          "",
          "The MIT License (MIT) / Expat",
          "",
          "Permission is hereby granted, free of charge, to any person obtaining a copy of this",
          "software and associated documentation files (the \"Software\"), to deal in the Software",
          "without restriction, including without limitation the rights to use, copy, modify, merge,",
          "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons",
          "to whom the Software is furnished to do so, subject to the following conditions:",
          "",
          "The above copyright notice and this permission notice shall be included in all copies or",
          "substantial portions of the Software.",
          "",
          "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,",
          "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR",
          "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE",
          "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR",
          "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER",
          "DEALINGS IN THE SOFTWARE.",
          "");
}
