package org.odenet4j.savedmodel;

import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ClassifierOutputs;
import org.odenet4j.models.ImageBytesInput;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.models.WordsInput;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The serving graph of one of odenet4j's models; ops under the {@code serve/} sub-scope, variables
 * with the same names as in the training graph. Every signature returns {@code logits}, {@code
 * probabilities} and {@code classes}:
 *
 * <ul>
 *   <li>an image model: {@code serving_default} takes {@code images} (float32 {@code [-1,H,W,C]},
 *       pixels in [0, 1]); {@value Models#IMAGE_BYTES} takes {@code image_bytes} (encoded PNG,
 *       JPEG, GIF or BMP files, string {@code [-1]}, converted in the graph by {@link
 *       ImageBytesInput}'s rule);
 *   <li>a tagger with its {@link WordVocabulary} ({@link #withWords}): {@code serving_default}
 *       takes {@code words} (string {@code [-1,-1]}, {@code ""} = padding, any length) and also
 *       returns {@code tags} (string, {@code ""} at padding); the vocabulary is the SavedModel
 *       asset {@value #VOCABULARY_ASSET}, its lookup table filled by the init op; {@value
 *       Models#TOKENS} takes the ids, {@code tokens} (int32 {@code [-1,L]}, 0 = padding);
 *   <li>a tagger without a vocabulary: {@code serving_default} takes {@code tokens}.
 * </ul>
 *
 * <p>The extra inputs feed the model through a {@code PlaceholderWithDefault}: {@code images} or
 * {@code tokens} defaults to the decoded or looked-up input, so all signatures share one copy of
 * the model.
 *
 * @param spec the model
 * @param words a tagger's vocabulary and tag names, or null
 */
public record ModelExport(ModelSpec spec, WordVocabulary words) implements InferenceGraph {
  /** The head (op-name prefix) of the exported graph. */
  public static final String HEAD = "serve";

  public static final String LOGITS = "logits";
  public static final String PROBABILITIES = "probabilities";
  public static final String CLASSES = "classes";

  /** Output of a word signature: the tag name of every word. */
  public static final String TAGS = "tags";

  /** The vocabulary's file name in {@code assets/}. */
  public static final String VOCABULARY_ASSET = "vocabulary.txt";

  public ModelExport {
    if (spec == null) {
      throw new IllegalArgumentException("model spec: expected a spec, found null");
    }
    if (words != null) {
      if (!(spec instanceof TaggerModelSpec tagger)) {
        throw new IllegalArgumentException(
            "words: expected a tagger spec for a vocabulary, found "
                + spec.getClass().getSimpleName());
      }
      if (tagger.vocabulary() != words.words().size() || tagger.tags() != words.tags().size()) {
        throw new IllegalArgumentException(
            "words: expected "
                + tagger.vocabulary()
                + " words and "
                + tagger.tags()
                + " tags (the spec's), found "
                + words.words().size()
                + " and "
                + words.tags().size());
      }
    }
  }

  public static ModelExport of(ModelSpec spec) {
    return new ModelExport(spec, null);
  }

  /** This tagger, serving words through {@code vocabulary}. */
  public ModelExport withWords(WordVocabulary vocabulary) {
    return new ModelExport(spec, vocabulary);
  }

  @Override
  public SignatureOutputs build(Ops tf, ParameterRegistry emptyRegistry) {
    return buildServing(tf, emptyRegistry).servingDefault();
  }

  @Override
  public ServingGraph buildServing(Ops tf, ParameterRegistry emptyRegistry) {
    if (spec instanceof ImageModelSpec image) {
      return images(tf, emptyRegistry, image);
    }
    if (words != null) {
      return words(tf, emptyRegistry, (TaggerModelSpec) spec);
    }
    var input = Models.input(tf, spec);
    return ServingGraph.of(
        signature(Models.inputName(spec), input, model(tf, emptyRegistry, input)));
  }

  private ServingGraph images(Ops tf, ParameterRegistry registry, ImageModelSpec image) {
    var in = image.input();
    Placeholder<TString> bytes = ImageBytesInput.placeholder(tf);
    Operand<TFloat32> decoded = ImageBytesInput.decode(tf, bytes, in.get(0), in.get(1), in.get(2));
    Operand<TFloat32> images =
        tf.withName(Models.IMAGES)
            .placeholderWithDefault(decoded, Shape.of(-1, in.get(0), in.get(1), in.get(2)));
    ClassifierOutputs out = model(tf, registry, images);
    return ServingGraph.builder(signature(Models.IMAGES, images, out))
        .signature(Models.IMAGE_BYTES, signature(Models.IMAGE_BYTES, bytes, out))
        .build();
  }

  private ServingGraph words(Ops tf, ParameterRegistry registry, TaggerModelSpec tagger) {
    ServingAsset vocabulary = ServingAsset.create(tf, VOCABULARY_ASSET, words.assetBytes());
    WordsInput input = WordsInput.build(tf, words, vocabulary.path(), tagger.maxLength());
    var tokens =
        tf.withName(Models.TOKENS)
            .placeholderWithDefault(input.windows(), Shape.of(-1, tagger.maxLength()));
    ClassifierOutputs windows = model(tf, registry, tokens);
    ClassifierOutputs perWord = input.sentenceOrder(windows);
    SignatureOutputs wordSignature =
        SignatureOutputs.builder()
            .input(Models.WORDS, input.words())
            .output(TAGS, input.tags(perWord.classes()))
            .output(LOGITS, perWord.logits())
            .output(PROBABILITIES, perWord.probabilities())
            .output(CLASSES, perWord.classes())
            .build();
    return ServingGraph.builder(wordSignature)
        .signature(Models.TOKENS, signature(Models.TOKENS, tokens, windows))
        .asset(vocabulary)
        .initializer(input.initializer())
        .build();
  }

  private ClassifierOutputs model(Ops tf, ParameterRegistry registry, Operand<?> input) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<? extends org.tensorflow.types.family.TType> typed = (Operand) input;
    return Models.build(LayerContext.root(registry, Mode.INFER, HEAD), spec, typed);
  }

  private static SignatureOutputs signature(String name, Operand<?> input, ClassifierOutputs out) {
    return SignatureOutputs.builder()
        .input(name, input)
        .output(LOGITS, out.logits())
        .output(PROBABILITIES, out.probabilities())
        .output(CLASSES, out.classes())
        .build();
  }

  @Override
  public WordVocabulary words() {
    return words;
  }

  @Override
  public ModelSpec modelSpec() {
    return spec;
  }
}
