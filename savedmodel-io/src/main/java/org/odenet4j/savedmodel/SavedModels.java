package org.odenet4j.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odenet4j.basis.BasisSpec;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.text.OneLine;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Validation and inspection of exported models, never running their graphs.
 *
 * <p>Every problem is an {@link IllegalArgumentException} with a one-line message naming the file,
 * the field, what was expected and what was found, e.g. {@code /m/3/saved_model.pb: signature_def:
 * expected 'serving_default', found [predict]}.
 */
public final class SavedModels {
  private static final Pattern DATA_FILE = Pattern.compile("variables\\.data-(\\d{5})-of-(\\d{5})");
  public static final String NO_MANIFEST_SOURCE = "all variables (no manifest)";

  private SavedModels() {}

  /**
   * Checks {@code dir} (a version directory): saved_model.pb, tag serve, signature serving_default,
   * variables files present and complete, manifest consistent with the variables (name, shape,
   * dtype, file sizes, checksum), every value readable and finite. Returns warnings (a missing
   * manifest when {@code requireManifest} is false).
   */
  public static List<String> validate(Path dir, boolean requireManifest) {
    List<String> warnings = new ArrayList<>();
    check(dir, requireManifest, warnings);
    return warnings;
  }

  /** Inspects a version directory (or a model base directory: its latest version). */
  public static Inspection inspect(Path dir) {
    Path versionDir = resolveVersion(dir);
    List<String> warnings = new ArrayList<>();
    Checked c = check(versionDir, false, warnings);
    Manifest m = c.manifest();
    Map<String, Manifest.VariableEntry> entries = new LinkedHashMap<>();
    if (m != null) {
      m.variables().forEach(v -> entries.put(v.name(), v));
    }
    List<Inspection.VariableInfo> vars = new ArrayList<>();
    long all = 0;
    for (SavedModelReader.VariableSpec v : c.reader().variables()) {
      Manifest.VariableEntry e = entries.get(v.name());
      vars.add(
          new Inspection.VariableInfo(
              v.name(),
              v.shape(),
              v.dtypeName(),
              v.bytes(),
              e == null ? null : e.kind(),
              e == null ? null : e.block()));
      all += Dtypes.elements(v.shape());
    }
    List<Inspection.SignatureInfo> sigs = new ArrayList<>();
    signaturesInOrder(c.reader().metaGraph().getSignatureDefMap())
        .forEach(
            (key, sd) ->
                sigs.add(
                    new Inspection.SignatureInfo(
                        key,
                        sd.getMethodName(),
                        ManifestBuilder.tensors(sd.getInputsMap()),
                        ManifestBuilder.tensors(sd.getOutputsMap()))));
    return new Inspection(
        versionDir.toString(),
        List.copyOf(c.reader().metaGraph().getMetaInfoDef().getTagsList()),
        sigs,
        vars,
        m == null ? List.of() : m.odeBlocks(),
        m == null ? all : m.trainableParameters(),
        m == null ? NO_MANIFEST_SOURCE : "manifest",
        Checksums.variablesSizes(versionDir).values().stream().mapToLong(Long::longValue).sum(),
        Checksums.treeBytes(versionDir),
        m == null ? null : m.modelSpec(),
        m == null ? null : m.provenance(),
        List.copyOf(warnings));
  }

  /**
   * {@code dir} itself if it holds saved_model.pb; else, for a model base, its largest numeric
   * version.
   */
  public static Path resolveVersion(Path dir) {
    if (Files.isDirectory(dir) && !Files.exists(dir.resolve(SavedModelReader.SAVED_MODEL_PB))) {
      List<Long> versions = Versions.list(dir);
      if (!versions.isEmpty()) {
        return dir.resolve(Long.toString(versions.get(versions.size() - 1)));
      }
    }
    return dir;
  }

  /** {@code serving_default} first, then the other signatures by key. */
  private static Map<String, SignatureDef> signaturesInOrder(Map<String, SignatureDef> all) {
    Map<String, SignatureDef> ordered = new LinkedHashMap<>();
    if (all.containsKey(Exporter.SIGNATURE_KEY)) {
      ordered.put(Exporter.SIGNATURE_KEY, all.get(Exporter.SIGNATURE_KEY));
    }
    ordered.putAll(new TreeMap<>(all));
    return ordered;
  }

  private record Checked(SavedModelReader reader, Manifest manifest) {}

  private static Checked check(Path dir, boolean requireManifest, List<String> warnings) {
    SavedModelReader reader = SavedModelReader.open(dir); // directory, saved_model.pb, tag serve
    Path pb = dir.resolve(SavedModelReader.SAVED_MODEL_PB);
    MetaGraphDef mg = reader.metaGraph();
    SignatureDef sd = mg.getSignatureDefMap().get(Exporter.SIGNATURE_KEY);
    if (sd == null) {
      throw new IllegalArgumentException(
          pb
              + ": signature_def: expected '"
              + Exporter.SIGNATURE_KEY
              + "' in the meta graph tagged '"
              + Exporter.TAG
              + "', found "
              + new TreeMap<>(mg.getSignatureDefMap()).keySet());
    }
    List<SavedModelReader.VariableSpec> variables = reader.variables();
    Path manifestFile = dir.resolve(Manifest.PATH);
    Manifest manifest = reader.manifest();
    checkVariablesFiles(dir, variables, manifest == null);
    if (manifest == null) {
      String message = manifestFile + ": file: expected an odenet manifest, found no such file";
      if (requireManifest) {
        throw new IllegalArgumentException(message);
      }
      warnings.add(message + " (trainable parameters count all variables)");
    } else {
      checkManifest(dir, manifestFile, manifest, variables);
    }
    checkValues(reader, variables);
    return new Checked(reader, manifest);
  }

  /**
   * Presence of the checkpoint files; without a manifest (exact sizes) also a lower bound on the
   * data size.
   */
  private static void checkVariablesFiles(
      Path dir, List<SavedModelReader.VariableSpec> variables, boolean checkDataSize) {
    if (variables.isEmpty()) {
      return;
    }
    Path varsDir = dir.resolve("variables");
    Path index = varsDir.resolve("variables.index");
    if (!Files.isDirectory(varsDir)) {
      throw new IllegalArgumentException(
          varsDir
              + ": directory: expected the checkpoint of "
              + variables.size()
              + " variables, found no such directory");
    }
    Map<String, Long> sizes = Checksums.variablesSizes(dir);
    if (!sizes.containsKey("variables.index")) {
      throw new IllegalArgumentException(
          index + ": file: expected the checkpoint index, found no such file");
    }
    if (sizes.get("variables.index") == 0) {
      throw new IllegalArgumentException(
          index + ": size: expected a non-empty checkpoint index, found 0 bytes");
    }
    int shards = -1;
    long dataBytes = 0;
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      Matcher matcher = DATA_FILE.matcher(e.getKey());
      if (matcher.matches()) {
        shards = Integer.parseInt(matcher.group(2));
        dataBytes += e.getValue();
      }
    }
    if (shards < 0) {
      throw new IllegalArgumentException(
          varsDir.resolve("variables.data-00000-of-00001")
              + ": file: expected the checkpoint data, found no such file");
    }
    for (int i = 0; i < shards; i++) {
      String name = String.format("variables.data-%05d-of-%05d", i, shards);
      if (!sizes.containsKey(name)) {
        throw new IllegalArgumentException(
            varsDir.resolve(name)
                + ": file: expected checkpoint shard "
                + i
                + " of "
                + shards
                + ", found no such file");
      }
    }
    long needed =
        variables.stream().mapToLong(SavedModelReader.VariableSpec::bytes).filter(b -> b > 0).sum();
    if (checkDataSize && dataBytes < needed) {
      throw new IllegalArgumentException(
          varsDir.resolve(shards == 1 ? "variables.data-00000-of-00001" : "variables.data-*")
              + ": size: expected at least "
              + needed
              + " bytes (the "
              + variables.size()
              + " variables of saved_model.pb), found "
              + dataBytes
              + " (truncated)");
    }
  }

  private static void checkManifest(
      Path dir, Path file, Manifest m, List<SavedModelReader.VariableSpec> variables) {
    Map<String, Manifest.VariableEntry> entries = new LinkedHashMap<>();
    for (Manifest.VariableEntry e : m.variables()) {
      entries.put(e.name(), e);
    }
    Map<String, SavedModelReader.VariableSpec> specs = new LinkedHashMap<>();
    for (SavedModelReader.VariableSpec v : variables) {
      specs.put(v.name(), v);
      Manifest.VariableEntry e = entries.get(v.name());
      if (e == null) {
        throw new IllegalArgumentException(
            file
                + ": variables: expected an entry for "
                + v.name()
                + " (a variable of saved_model.pb), found none");
      }
      if (!v.shape().equals(e.shape())) {
        throw new IllegalArgumentException(
            file
                + ": variables["
                + v.name()
                + "].shape: expected "
                + v.shape()
                + " (as in saved_model.pb), found "
                + e.shape());
      }
      if (!v.dtypeName().equals(e.dtype())) {
        throw new IllegalArgumentException(
            file
                + ": variables["
                + v.name()
                + "].dtype: expected "
                + v.dtypeName()
                + " (as in saved_model.pb), found "
                + OneLine.of(e.dtype()));
      }
      if (!Manifest.PARAMETER.equals(e.kind()) && !Manifest.STATE.equals(e.kind())) {
        throw new IllegalArgumentException(
            file
                + ": variables["
                + v.name()
                + "].kind: expected parameter or state, found "
                + OneLine.of(e.kind()));
      }
    }
    for (String name : entries.keySet()) {
      if (!specs.containsKey(name)) {
        throw new IllegalArgumentException(
            file
                + ": variables["
                + OneLine.of(name)
                + "]: expected a VariableV2 of that name in saved_model.pb, found none");
      }
    }
    checkBlocks(file, m, specs);
    checkFileSizes(dir, file, m);
    if (m.provenance() != null && m.provenance().variablesSha256() != null) {
      checkVariablesSha256(file, m, dir, Checksums.variablesSha256(dir));
    }
  }

  /**
   * The SHA-256 of {@code dir}'s {@code variables/} ({@code sha}, computed by the caller, who may
   * need it again) is the one manifest {@code m} ({@code file}) records, if it records one.
   */
  public static void checkVariablesSha256(Path file, Manifest m, Path dir, String sha) {
    String recorded = m.provenance() == null ? null : m.provenance().variablesSha256();
    if (recorded != null && !recorded.equals(sha)) {
      throw new IllegalArgumentException(
          file
              + ": provenance.variables_sha256: expected "
              + OneLine.of(recorded)
              + " (as in the manifest), found "
              + sha
              + " for "
              + dir.resolve("variables"));
    }
  }

  /**
   * The checkpoint files of {@code dir} before any value is read: the index and every data shard
   * present, and the sizes manifest {@code m} records (without a manifest, at least the bytes the
   * variables of saved_model.pb need). Compression's source check uses it, so a missing or
   * truncated file is named as validation names it, not reported as a checksum mismatch.
   */
  public static void checkVariablesFiles(Path dir, SavedModelReader reader, Manifest m) {
    checkVariablesFiles(dir, reader.variables(), m == null);
    if (m != null) {
      checkFileSizes(dir, dir.resolve(Manifest.PATH), m);
    }
  }

  /** The sizes of the checkpoint files as manifest {@code m} ({@code file}) records them. */
  private static void checkFileSizes(Path dir, Path file, Manifest m) {
    Map<String, Long> actual = Checksums.variablesSizes(dir);
    if (m.variablesFiles() != null) {
      for (Map.Entry<String, Long> e : m.variablesFiles().entrySet()) {
        Long size = actual.get(e.getKey());
        Path f = dir.resolve("variables").resolve(e.getKey());
        if (size == null) {
          throw new IllegalArgumentException(
              OneLine.of(f)
                  + ": file: expected "
                  + e.getValue()
                  + " bytes (as in the manifest), found no such file");
        }
        if (!size.equals(e.getValue())) {
          throw new IllegalArgumentException(
              OneLine.of(f)
                  + ": size: expected "
                  + e.getValue()
                  + " bytes (as in the manifest), found "
                  + size
                  + (size < e.getValue() ? " (truncated)" : ""));
        }
      }
    }
  }

  /**
   * The ODE blocks of manifest {@code m} ({@code file}) against the graph's variables: basis and k
   * agree, steps/scheme/epsilon form a valid block, each block variable exists in saved_model.pb
   * with the manifest's shape and first axis K, its kind is parameter or state, and its {@code
   * variables[]} entry (if any) has the same kind and names this block. Shared by
   * validation/inspect and compression's source check, so both reject the same manifests.
   */
  public static void checkBlocks(
      Path file, Manifest m, Map<String, SavedModelReader.VariableSpec> graphVariables) {
    Map<String, Manifest.VariableEntry> entries = new LinkedHashMap<>();
    for (Manifest.VariableEntry e : m.variables()) {
      entries.put(e.name(), e);
    }
    for (Manifest.BlockEntry b : m.odeBlocks()) {
      try {
        BasisSpec parsed = BasisSpec.parse(b.basis());
        if (parsed.size() != b.k()) {
          throw new IllegalArgumentException(
              "k: expected "
                  + parsed.size()
                  + " (the K of "
                  + OneLine.of(b.basis())
                  + "), found "
                  + b.k());
        }
        new OdeBlockSpec(b.basis(), b.steps(), b.scheme(), b.epsilon(), CoefficientInit.IDENTICAL);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + ": ode_blocks[" + OneLine.of(b.name()) + "]: " + e.getMessage(), e);
      }
      for (Manifest.BlockVariable bv : b.variables()) {
        String where =
            file
                + ": ode_blocks["
                + OneLine.of(b.name())
                + "].variables["
                + OneLine.of(bv.name())
                + "]";
        SavedModelReader.VariableSpec v = graphVariables.get(bv.name());
        if (v == null) {
          throw new IllegalArgumentException(
              where + ": expected a VariableV2 of that name in saved_model.pb, found none");
        }
        if (bv.shape() != null && !v.shape().equals(bv.shape())) {
          throw new IllegalArgumentException(
              where
                  + ".shape: expected "
                  + v.shape()
                  + " (as in saved_model.pb), found "
                  + bv.shape());
        }
        if (v.shape().isEmpty() || v.shape().get(0) != b.k()) {
          throw new IllegalArgumentException(
              where
                  + ".shape: expected first axis K = "
                  + b.k()
                  + " (the block's k), found "
                  + v.shape()
                  + " in saved_model.pb");
        }
        if (!Manifest.PARAMETER.equals(bv.kind()) && !Manifest.STATE.equals(bv.kind())) {
          throw new IllegalArgumentException(
              where + ".kind: expected parameter or state, found " + OneLine.of(bv.kind()));
        }
        Manifest.VariableEntry e = entries.get(bv.name());
        if (e != null && !bv.kind().equals(e.kind())) {
          throw new IllegalArgumentException(
              file
                  + ": variables["
                  + bv.name()
                  + "].kind: expected "
                  + bv.kind()
                  + " (as in ode_blocks["
                  + OneLine.of(b.name())
                  + "]), found "
                  + OneLine.of(e.kind()));
        }
        if (e != null && !b.name().equals(e.block())) {
          throw new IllegalArgumentException(
              file
                  + ": variables["
                  + bv.name()
                  + "].block: expected "
                  + OneLine.of(b.name())
                  + " (it is a variable of ode_blocks["
                  + OneLine.of(b.name())
                  + "]), found "
                  + OneLine.of(e.block()));
        }
      }
    }
  }

  /**
   * Shapes and finiteness of the float32/float64 variables (the only ones a finite check applies
   * to).
   */
  private static void checkValues(
      SavedModelReader reader, List<SavedModelReader.VariableSpec> all) {
    List<SavedModelReader.VariableSpec> variables = floating(all);
    try (VariableValues values =
        reader.readValues(variables.stream().map(SavedModelReader.VariableSpec::name).toList())) {
      checkValues(reader.checkpointPrefix(), variables, values);
    }
  }

  /**
   * The check validation applies to values already read from {@code reader} (every variable, as
   * {@link SavedModelReader#readValues()} reads them): each float32/float64 value has its shape in
   * saved_model.pb and is finite. Compression's source check uses it, so a NaN or infinite weight
   * is refused there as validation refuses it.
   */
  public static void checkFinite(SavedModelReader reader, VariableValues values) {
    checkValues(reader.checkpointPrefix(), floating(reader.variables()), values);
  }

  private static List<SavedModelReader.VariableSpec> floating(
      List<SavedModelReader.VariableSpec> all) {
    return all.stream()
        .filter(v -> v.dtype() == DataType.DT_FLOAT || v.dtype() == DataType.DT_DOUBLE)
        .toList();
  }

  private static void checkValues(
      Path prefix, List<SavedModelReader.VariableSpec> variables, VariableValues values) {
    for (SavedModelReader.VariableSpec v : variables) {
      Tensor t = values.tensor(v.name());
      List<Long> found = Dtypes.dims(t.shape());
      if (!found.equals(v.shape())) {
        throw new IllegalArgumentException(
            prefix
                + ": "
                + v.name()
                + ".shape: expected "
                + v.shape()
                + " (as in saved_model.pb), found "
                + found);
      }
      long bad = -1;
      double badValue = 0;
      if (t instanceof TFloat32) {
        float[] a = values.floats(v.name());
        for (int i = 0; i < a.length && bad < 0; i++) {
          if (!Float.isFinite(a[i])) {
            bad = i;
            badValue = a[i];
          }
        }
      } else if (t instanceof TFloat64) {
        double[] a = new double[Math.toIntExact(t.shape().size())];
        ((TFloat64) t).copyTo(DataBuffers.of(a, false, false));
        for (int i = 0; i < a.length && bad < 0; i++) {
          if (!Double.isFinite(a[i])) {
            bad = i;
            badValue = a[i];
          }
        }
      }
      if (bad >= 0) {
        throw new IllegalArgumentException(
            prefix
                + ": "
                + v.name()
                + ": expected finite values, found "
                + badValue
                + " at flat index "
                + bad
                + " of "
                + t.shape().size());
      }
    }
  }
}
