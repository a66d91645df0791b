package org.odenet4j.cli.model;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import picocli.CommandLine.Option;

/**
 * The flags that describe a model, shared by every command that builds one ({@code model summary},
 * later {@code train}). {@code --spec FILE} takes a spec JSON instead of flags.
 */
public final class ModelOptions {
  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "Model spec JSON (overrides the other model flags).")
  Path specFile;

  @Option(
      names = "--input",
      paramLabel = "HxWxC",
      defaultValue = "28x28x1",
      description = "Image input shape (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(
      names = "--width",
      defaultValue = "16",
      description =
          "Image model width w: stages have w, 2w, 4w channels (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--classes",
      defaultValue = "10",
      description = "Image classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(
      names = "--activation",
      description = "relu, gelu, elu or identity (default: relu for images, elu for taggers).")
  String activation;

  @Option(
      names = "--basis",
      paramLabel = "F:K",
      defaultValue = "piecewise_constant:16",
      description = "Basis of every ODE block (default: ${DEFAULT-VALUE}).")
  String basis;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Integration steps N (default: K of --basis).")
  Integer steps;

  @Option(
      names = "--scheme",
      defaultValue = "euler",
      description = "euler, midpoint, rk4 or rk4_38 (default: ${DEFAULT-VALUE}).")
  String scheme;

  @Option(
      names = "--epsilon",
      defaultValue = "1",
      description = "Rate scaling ε of the ODE blocks, dh/dt = ε·R (default: ${DEFAULT-VALUE}).")
  double epsilon;

  @Option(
      names = "--stitch-epsilon",
      defaultValue = "1",
      description = "Residual scaling of the image stitches (default: ${DEFAULT-VALUE}).")
  double stitchEpsilon;

  @Option(
      names = "--coefficient-init",
      defaultValue = "identical",
      description = "identical (the reference) or independent (default: ${DEFAULT-VALUE}).")
  String coefficientInit;

  @Option(
      names = "--block",
      paramLabel = "NAME=F:K/N/S",
      description = "Per-block discretisation, e.g. stage3/block=fem_linear:5/8/rk4 (repeatable).")
  List<String> blocks = new ArrayList<>();

  @Option(
      names = "--vocab",
      defaultValue = "10000",
      description =
          "Tagger vocabulary size incl. PAD and UNK, for model summary (default: ${DEFAULT-VALUE}); train takes it from the data (--min-count).")
  int vocabulary;

  @Option(
      names = "--tags",
      defaultValue = "13",
      description =
          "Tagger tag count, for model summary (default: ${DEFAULT-VALUE}); train takes it from the data (--tag-scheme).")
  int tags;

  @Option(
      names = "--max-length",
      defaultValue = "64",
      description = "Tagger sentence length (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(
      names = "--d-model",
      defaultValue = "64",
      description = "Tagger model width (default: ${DEFAULT-VALUE}).")
  int dModel;

  @Option(
      names = "--heads",
      defaultValue = "2",
      description = "Tagger attention heads (default: ${DEFAULT-VALUE}).")
  int heads;

  @Option(
      names = "--mlp-dim",
      defaultValue = "128",
      description = "Tagger MLP width (default: ${DEFAULT-VALUE}).")
  int mlpDim;

  /** The spec for {@code kind} = image or tagger. */
  public ModelSpec spec(String kind) {
    if (specFile != null) {
      try {
        return ModelSpec.fromJson(Files.readString(specFile));
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(
            "--spec " + specFile + ": expected UTF-8 JSON text, found bytes that are not UTF-8");
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--spec: expected a readable file, found " + specFile + " (" + e.getMessage() + ")");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--spec " + specFile + ": " + e.getMessage());
      }
    }
    OdeBlockSpec block = block();
    switch (kind) {
      case "image":
        {
          int[] hwc = shape(input);
          ImageModelSpec spec =
              new ImageModelSpec(
                  List.of(hwc[0], hwc[1], hwc[2]),
                  width,
                  classes,
                  activation == null ? "relu" : activation,
                  List.of(block, block, block),
                  stitchEpsilon);
          return applyBlockOverrides(spec, List.of("stage1/block", "stage2/block", "stage3/block"));
        }
      case "tagger":
        {
          TaggerModelSpec spec =
              new TaggerModelSpec(
                  vocabulary,
                  tags,
                  maxLength,
                  dModel,
                  heads,
                  mlpDim,
                  activation == null ? "elu" : activation,
                  block);
          return applyBlockOverrides(spec, List.of("encoder/block"));
        }
      default:
        throw new IllegalArgumentException(
            "model kind: expected image or tagger, found '" + kind + "'");
    }
  }

  private OdeBlockSpec block() {
    BasisSpec parsed;
    try {
      parsed = BasisSpec.parse(basis);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--basis: " + e.getMessage());
    }
    CoefficientInit init = init();
    try {
      return new OdeBlockSpec(
          parsed.toString(), steps == null ? parsed.size() : steps, scheme, epsilon, init);
    } catch (IllegalArgumentException e) {
      // "steps: …", "scheme: …", "epsilon: …": name the flag
      throw new IllegalArgumentException("--" + e.getMessage(), e);
    }
  }

  private CoefficientInit init() {
    switch (coefficientInit.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "identical":
        return CoefficientInit.IDENTICAL;
      case "independent":
        return CoefficientInit.INDEPENDENT;
      default:
        throw new IllegalArgumentException(
            "--coefficient-init: expected identical or independent, found '"
                + coefficientInit
                + "'");
    }
  }

  private ModelSpec applyBlockOverrides(ModelSpec spec, List<String> names) {
    ModelSpec result = spec;
    for (String text : blocks) {
      BlockOption option = BlockOption.parse(text);
      int index = names.indexOf(option.name());
      if (index < 0) {
        throw new IllegalArgumentException(
            "--block: expected a block name among " + names + ", found '" + option.name() + "'");
      }
      OdeBlockSpec old = result.odeBlocks().get(index);
      OdeBlockSpec replacement =
          new OdeBlockSpec(
              option.basis(), option.steps(), option.scheme(), old.epsilon(), old.init());
      int[] counter = {0};
      result = result.mapBlocks(b -> counter[0]++ == index ? replacement : b);
    }
    return result;
  }

  static int[] shape(String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "--input: expected HxWxC (e.g. 28x28x1), found '" + text + "'");
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--input: expected HxWxC with integers, found '" + text + "'");
      }
      if (out[i] < 1) {
        throw new IllegalArgumentException(
            "--input: expected positive sizes, found '" + text + "'");
      }
    }
    return out;
  }
}
