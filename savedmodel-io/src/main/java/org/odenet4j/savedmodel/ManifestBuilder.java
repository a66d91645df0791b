package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.layers.VariableKind;
import org.odenet4j.ode.OdeBlockInfo;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.ode.OdeBlocks;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The {@link Manifest} of a written SavedModel: its variables and ODE blocks as the graph build
 * made them ({@link GraphPart}), its signature as {@code saved_model.pb} records it, the sizes and
 * checksum of {@code variables/}, and the provenance.
 */
final class ManifestBuilder {

  private ManifestBuilder() {}

  /**
   * What the graph build contributes to the manifest.
   *
   * @param variables every variable of the graph, in graph order
   * @param blocks every ODE block of the registry
   * @param modelSpecJson the model spec's JSON, or null for a custom graph
   * @param wordInput a tagger's word input, or null
   * @param wordTags the tag names a tagger's word signature returns (empty without one)
   */
  record GraphPart(
      List<Manifest.VariableEntry> variables,
      List<Manifest.BlockEntry> blocks,
      String modelSpecJson,
      Manifest.WordInput wordInput,
      List<String> wordTags) {

    static GraphPart of(
        GraphVariables variables, ParameterRegistry registry, InferenceGraph graph) {
      return new GraphPart(
          ManifestBuilder.variables(variables, registry),
          ManifestBuilder.blocks(registry),
          graph.modelSpec() == null ? null : graph.modelSpec().toJson(),
          graph.words() == null
              ? null
              : new Manifest.WordInput(ModelExport.VOCABULARY_ASSET, graph.words().lowerCase()),
          graph.words() == null ? List.of() : graph.words().tags());
    }
  }

  /**
   * Reads the signature and {@code variables/} of {@code dir} and completes the manifest; the
   * provenance records {@code source} and, for a compressed model, {@code compression} (or null),
   * for a trained model, {@code training} (or null).
   */
  static Manifest build(
      Path dir,
      GraphPart part,
      Manifest.Source source,
      CompressionProvenance compression,
      Manifest.Training training,
      List<String> classNames)
      throws IOException {
    return new Manifest(
        Manifest.FORMAT_VERSION,
        part.modelSpecJson() == null ? null : Manifest.MAPPER.readTree(part.modelSpecJson()),
        signature(dir),
        part.blocks(),
        part.variables(),
        Checksums.variablesSizes(dir),
        new Manifest.Provenance(
            libraryVersion(),
            TensorFlow.version(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
            Checksums.variablesSha256(dir),
            source,
            compression,
            training),
        classNames(classNames, part.wordTags()),
        part.wordInput());
  }

  /**
   * The class names given to the exporter; for a tagger that takes words, its tag names, which must
   * agree with any given.
   */
  private static List<String> classNames(List<String> given, List<String> wordTags) {
    if (wordTags.isEmpty() || given.isEmpty()) {
      return given.isEmpty() ? wordTags : given;
    }
    if (!given.equals(wordTags)) {
      throw new IllegalArgumentException(
          "class names: expected the tags the word signature returns, "
              + wordTags
              + ", found "
              + given);
    }
    return given;
  }

  private static Manifest.SignatureEntry signature(Path dir) throws IOException {
    SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
    MetaGraphDef mg = sm.getMetaGraphs(0);
    SignatureDef sd = mg.getSignatureDefOrThrow(Exporter.SIGNATURE_KEY);
    return new Manifest.SignatureEntry(
        Exporter.SIGNATURE_KEY,
        sd.getMethodName(),
        List.copyOf(mg.getMetaInfoDef().getTagsList()),
        tensors(sd.getInputsMap()),
        tensors(sd.getOutputsMap()));
  }

  /**
   * Every VariableV2 of the graph: kind and block from the registry (parameter, no block if not in
   * it).
   */
  private static List<Manifest.VariableEntry> variables(
      GraphVariables variables, ParameterRegistry registry) {
    List<Manifest.VariableEntry> entries = new ArrayList<>();
    for (NodeDef n : variables.nodes().values()) {
      ModelVariable mv = registry.contains(n.getName()) ? registry.get(n.getName()) : null;
      entries.add(
          new Manifest.VariableEntry(
              n.getName(),
              Dtypes.dims(n.getAttrOrThrow("shape").getShape()),
              Dtypes.name(n.getAttrOrThrow("dtype").getType()),
              mv == null ? Manifest.PARAMETER : kind(mv),
              mv == null ? null : mv.block()));
    }
    return entries;
  }

  private static List<Manifest.BlockEntry> blocks(ParameterRegistry registry) {
    List<Manifest.BlockEntry> blocks = new ArrayList<>();
    for (OdeBlockInfo info : OdeBlocks.of(registry).all()) {
      OdeBlockSpec spec = info.spec();
      List<Manifest.BlockVariable> vars = new ArrayList<>();
      for (ModelVariable mv : registry.variablesOf(info.name())) {
        vars.add(new Manifest.BlockVariable(mv.name(), Dtypes.dims(mv.shape()), kind(mv)));
      }
      blocks.add(
          new Manifest.BlockEntry(
              info.name(),
              spec.basis().toString(),
              spec.basis().size(),
              spec.steps(),
              spec.scheme().toString(),
              spec.epsilon(),
              vars));
    }
    return blocks;
  }

  private static String kind(ModelVariable mv) {
    return mv.kind() == VariableKind.PARAMETER ? Manifest.PARAMETER : Manifest.STATE;
  }

  /** A signature's tensors by key, sorted. */
  static Map<String, Manifest.TensorEntry> tensors(Map<String, TensorInfo> infos) {
    Map<String, Manifest.TensorEntry> out = new TreeMap<>();
    infos.forEach(
        (k, ti) ->
            out.put(
                k,
                new Manifest.TensorEntry(
                    Dtypes.name(ti.getDtype()), Dtypes.dims(ti.getTensorShape()), ti.getName())));
    return out;
  }

  /** The odenet4j version of this library (from the build's {@code version.properties}). */
  static String libraryVersion() {
    Properties p = new Properties();
    try (InputStream in = ManifestBuilder.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
