package org.odenet4j.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.ode.OdeBlockSpec;

/**
 * One case of the shape matrix run by {@link ShapeCaseMain} in a fresh JVM: a model kind and its
 * sizes, the batch size of its two training steps, and the discretisation of its ODE blocks.
 * Written on the command line as {@code key=value} words, e.g. {@code kind=image width=4 batch=3
 * input=8x8x1 classes=3 block=legendre:2/2/rk4}; the same words, space separated, are its {@link
 * #name()}.
 *
 * <ul>
 *   <li>{@code image}: {@code OdeImageClassifier} (stem, stitches w → 2w → 4w with 1×1 stride-2
 *       skip convolutions into stages 2 and 3, three ODE blocks of {@code ConvResidualUnit}s);
 *   <li>{@code tagger}: {@code OdeTagger}, {@code width} = d_model, with {@code heads} heads,
 *       {@code input} = max length, {@code classes} = tags, {@code vocab} token ids;
 *   <li>{@code mlp}: a user graph, flatten → Dense → ODE block of {@code MlpUnit}s → Dense (the
 *       README's example shape), {@code width} = the dense width;
 *   <li>{@code conv}: a user graph, Conv3×3(w) → ODE block of {@code ConvResidualUnit}s → Conv1×1
 *       stride 2 (2w) → global mean → Dense.
 * </ul>
 *
 * @param kind image, tagger, mlp or conv
 * @param width image width w, tagger d_model, MLP dense width, or conv channels
 * @param heads tagger attention heads (1 for the other kinds)
 * @param batch examples per training step (and of the evaluated batch)
 * @param input image {@code [H, W, C]}, or {@code [maxLength]} for a tagger
 * @param classes classes, or tags for a tagger
 * @param vocab tagger vocabulary size including PAD and UNK (0 for the other kinds)
 * @param block every ODE block's basis, steps and scheme
 */
public record ShapeCase(
    String kind,
    int width,
    int heads,
    int batch,
    List<Integer> input,
    int classes,
    int vocab,
    OdeBlockSpec block) {

  /** The kinds, in matrix order. */
  public static final List<String> KINDS = List.of("image", "tagger", "mlp", "conv");

  /**
   * One basis of every family, K = 2: every basis function is reached by the stages of {@link
   * #steps(String) steps(scheme)} steps, so training can fit every continuous-BN coefficient.
   */
  public static final List<String> BASES =
      List.of("piecewise_constant:2", "piecewise_linear:2", "fem_linear:2", "legendre:2");

  /** Every integration scheme. */
  public static final List<String> SCHEMES = List.of("euler", "midpoint", "rk4", "rk4_38");

  /** The image widths and batch sizes. */
  public static final List<Integer> IMAGE_WIDTHS = List.of(1, 2, 3, 4, 5, 8, 12, 16, 20);

  public static final List<Integer> IMAGE_BATCHES = List.of(1, 3, 64);

  /** The tagger sizes. */
  public static final List<Integer> TAGGER_D_MODELS = List.of(8, 12, 16, 32);

  public static final List<Integer> TAGGER_HEADS = List.of(1, 2, 4);

  public ShapeCase {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "kind: expected one of " + KINDS + ", found '" + kind + "'");
    }
    if (width < 1 || heads < 1 || batch < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "case: expected width, heads, batch >= 1 and classes >= 2, found "
              + width
              + ", "
              + heads
              + ", "
              + batch
              + ", "
              + classes);
    }
    input = List.copyOf(input);
    if (input.size() != (kind.equals("tagger") ? 1 : 3)) {
      throw new IllegalArgumentException(
          "input: expected " + (kind.equals("tagger") ? "a length" : "HxWxC") + ", found " + input);
    }
  }

  /** An image-classifier case ({@code OdeImageClassifier}). */
  public static ShapeCase image(
      int width, int batch, int h, int w, int c, int classes, OdeBlockSpec block) {
    return new ShapeCase("image", width, 1, batch, List.of(h, w, c), classes, 0, block);
  }

  /** A tagger case ({@code OdeTagger}). */
  public static ShapeCase tagger(
      int dModel, int heads, int batch, int maxLength, int vocab, int tags, OdeBlockSpec block) {
    return new ShapeCase("tagger", dModel, heads, batch, List.of(maxLength), tags, vocab, block);
  }

  /** A user graph around one ODE block ({@code mlp} or {@code conv}). */
  public static ShapeCase user(
      String kind, int width, int batch, int h, int w, int c, int classes, OdeBlockSpec block) {
    return new ShapeCase(kind, width, 1, batch, List.of(h, w, c), classes, 0, block);
  }

  /** ε = 1, identical coefficients. */
  public static OdeBlockSpec block(String basis, int steps, String scheme) {
    return new OdeBlockSpec(basis, steps, scheme, 1.0, CoefficientInit.IDENTICAL);
  }

  /**
   * The matrix's discretisation for a scheme: 2 Euler steps (stages at t = 0, 1/2), or 1 step of a
   * multi-stage scheme (midpoint: 0, 1/2; rk4: 0, 1/2, 1/2, 1; rk4_38: 0, 1/3, 2/3, 1): every K = 2
   * basis function is reached, at the fewest stage evaluations.
   */
  public static OdeBlockSpec block(String basis, String scheme) {
    return block(basis, scheme.equals("euler") ? 2 : 1, scheme);
  }

  /**
   * The matrix: the image model at every width × batch (27), inputs 12×12×1 and 12×12×3
   * (spatial 12 → 6 → 3 through the stride-2 stitches: large enough for the oneDNN crash of the
   * stitches' 1×1 stride-2 convolution gradients to show, which 8×8 inputs did not); the tagger at
   * every d_model × heads (12), max length 8, batch 3; user graphs with MLP and conv units (4).
   * Every basis family and every scheme is spread over the cases (all 16 pairs among the images).
   */
  public static List<ShapeCase> matrix() {
    List<ShapeCase> cases = new ArrayList<>();
    int i = 0;
    for (int width : IMAGE_WIDTHS) {
      for (int batch : IMAGE_BATCHES) {
        cases.add(
            image(
                width,
                batch,
                12,
                12,
                i % 2 == 0 ? 1 : 3,
                3 + (i / 2) % 2,
                block(BASES.get(i % 4), SCHEMES.get((i / 4) % 4))));
        i++;
      }
    }
    int j = 0;
    for (int d : TAGGER_D_MODELS) {
      for (int h : TAGGER_HEADS) {
        cases.add(tagger(d, h, 3, 8, 20, 5, block(BASES.get(j % 4), SCHEMES.get((j + j / 4) % 4))));
        j++;
      }
    }
    cases.add(user("mlp", 16, 3, 8, 8, 1, 3, block("piecewise_constant:2", "euler")));
    cases.add(user("mlp", 8, 1, 8, 8, 1, 4, block("legendre:2", "rk4")));
    cases.add(user("conv", 4, 3, 12, 12, 1, 3, block("fem_linear:2", "midpoint")));
    cases.add(user("conv", 2, 64, 12, 12, 3, 4, block("piecewise_linear:2", "rk4_38")));
    return List.copyOf(cases);
  }

  /**
   * A longer sweep (Maven profile {@code shapes-long}): the image model at the full 28×28×1
   * input and 10 classes, every width × batch, with more widths (6, 7, 24, 32) and batch sizes (2,
   * 17, 128); the tagger at lengths 1 (batch 1) and 33 (batch 16); the user graphs at 28×28×1.
   */
  public static List<ShapeCase> longMatrix() {
    List<ShapeCase> cases = new ArrayList<>();
    int i = 0;
    for (int width : List.of(1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32)) {
      for (int batch : List.of(1, 2, 3, 17, 64, 128)) {
        cases.add(
            image(width, batch, 28, 28, 1, 10, block(BASES.get(i % 4), SCHEMES.get((i / 4) % 4))));
        i++;
      }
    }
    int j = 0;
    for (int d : TAGGER_D_MODELS) {
      for (int h : TAGGER_HEADS) {
        for (int[] lengthBatch : new int[][] {{1, 1}, {33, 16}}) {
          cases.add(
              tagger(
                  d,
                  h,
                  lengthBatch[1],
                  lengthBatch[0],
                  50,
                  13,
                  block(BASES.get(j % 4), SCHEMES.get((j + j / 4) % 4))));
          j++;
        }
      }
    }
    for (int width : List.of(1, 3, 8, 16)) {
      for (int batch : List.of(1, 64)) {
        cases.add(
            user(
                "conv",
                width,
                batch,
                28,
                28,
                1,
                10,
                block(BASES.get(i % 4), SCHEMES.get((i / 4) % 4))));
        cases.add(
            user(
                "mlp",
                width,
                batch,
                28,
                28,
                1,
                10,
                block(BASES.get(i % 4), SCHEMES.get((i / 4) % 4))));
        i++;
      }
    }
    return List.copyOf(cases);
  }

  /** The command-line words of this case. */
  public List<String> args() {
    List<String> a = new ArrayList<>();
    a.add("kind=" + kind);
    a.add((kind.equals("tagger") ? "d_model=" : "width=") + width);
    if (kind.equals("tagger")) {
      a.add("heads=" + heads);
    }
    a.add("batch=" + batch);
    if (kind.equals("tagger")) {
      a.add("length=" + input.get(0));
      a.add("vocab=" + vocab);
      a.add("tags=" + classes);
    } else {
      a.add("input=" + input.get(0) + "x" + input.get(1) + "x" + input.get(2));
      a.add("classes=" + classes);
    }
    a.add("block=" + block.basis() + "/" + block.steps() + "/" + block.scheme());
    return List.copyOf(a);
  }

  /** The readable name: the command-line words, space separated. */
  public String name() {
    return String.join(" ", args());
  }

  /**
   * Parses the words of {@link #args()}; every key of the kind is required, unknown keys are
   * errors.
   */
  public static ShapeCase parse(String... words) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq < 1 || m.put(w.substring(0, eq), w.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(
            "case: expected distinct key=value words, found '" + w + "'");
      }
    }
    String kind = take(m, "kind");
    String[] b = take(m, "block").split("/");
    if (b.length != 3) {
      throw new IllegalArgumentException(
          "block: expected F:K/N/SCHEME, found '" + String.join("/", b) + "'");
    }
    String basis = b[0];
    int steps = Integer.parseInt(b[1]);
    String scheme = b[2];
    ShapeCase c;
    if (kind.equals("tagger")) {
      c =
          tagger(
              num(m, "d_model"),
              num(m, "heads"),
              num(m, "batch"),
              num(m, "length"),
              num(m, "vocab"),
              num(m, "tags"),
              block(basis, steps, scheme));
    } else {
      int width = num(m, "width");
      int batch = num(m, "batch");
      String[] in = take(m, "input").split("x");
      if (in.length != 3) {
        throw new IllegalArgumentException(
            "input: expected HxWxC, found '" + String.join("x", in) + "'");
      }
      int classes = num(m, "classes");
      int h = Integer.parseInt(in[0]);
      int w = Integer.parseInt(in[1]);
      int ch = Integer.parseInt(in[2]);
      c =
          kind.equals("image")
              ? image(width, batch, h, w, ch, classes, block(basis, steps, scheme))
              : user(kind, width, batch, h, w, ch, classes, block(basis, steps, scheme));
    }
    if (!m.isEmpty()) {
      throw new IllegalArgumentException(
          "case " + kind + ": expected no other keys, found " + m.keySet());
    }
    return c;
  }

  private static String take(Map<String, String> m, String key) {
    String v = m.remove(key);
    if (v == null) {
      throw new IllegalArgumentException("case: expected " + key + "=…, found none");
    }
    return v;
  }

  private static int num(Map<String, String> m, String key) {
    return Integer.parseInt(take(m, key));
  }
}
