package org.odenet4j.savedmodel;

import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.tensorflow.op.Ops;

/**
 * The serving graph of one of odenet4j's models: input {@code images} (float32 {@code [-1,H,W,C]})
 * or {@code tokens} (int32 {@code [-1,L]}), outputs {@code logits}, {@code probabilities} and
 * {@code classes}; ops under the {@code serve/} sub-scope, variables with the same names as in the
 * training graph.
 */
public record ModelExport(ModelSpec spec) implements InferenceGraph {
  /** The head (op-name prefix) of the exported graph. */
  public static final String HEAD = "serve";

  public static final String LOGITS = "logits";
  public static final String PROBABILITIES = "probabilities";
  public static final String CLASSES = "classes";

  public ModelExport {
    if (spec == null) {
      throw new IllegalArgumentException("model spec: expected a spec, found null");
    }
  }

  public static ModelExport of(ModelSpec spec) {
    return new ModelExport(spec);
  }

  @Override
  public SignatureOutputs build(Ops tf, ParameterRegistry emptyRegistry) {
    var input = Models.input(tf, spec);
    ClassifierOutputs out =
        Models.build(LayerContext.root(emptyRegistry, Mode.INFER, HEAD), spec, input);
    return SignatureOutputs.builder()
        .input(Models.inputName(spec), input)
        .output(LOGITS, out.logits())
        .output(PROBABILITIES, out.probabilities())
        .output(CLASSES, out.classes())
        .build();
  }

  @Override
  public ModelSpec modelSpec() {
    return spec;
  }
}
