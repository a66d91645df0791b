package org.odenet4j.compression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Checksums;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.SavedModelReader;
import org.odenet4j.savedmodel.SavedModels;
import org.odenet4j.savedmodel.VariableValues;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * A source SavedModel read as data: its manifest, every variable's value (through {@link
 * SavedModelReader}, which never runs the model's graph) and the SHA-256 of its {@code variables/}.
 * Nothing is ever written to the source. Checks on open that the manifest describes the graph
 * (every ODE-block variable exists as a float32 {@code VariableV2} with first axis K), that the
 * checkpoint files are there with the sizes the manifest records, and, when the manifest carries a
 * checksum, that the checkpoint is the one it describes. The values are read on a background
 * thread, so a caller can build graphs meanwhile; the first access waits for them and fails, as
 * validation does, if a float value is NaN or infinite. Owns the value tensors: close it.
 */
public final class SourceModel implements AutoCloseable {
  private final Path directory;
  private final Manifest manifest;
  private final CompletableFuture<VariableValues> values;
  private final String sha256;
  private final Map<String, Manifest.BlockEntry> blocks = new LinkedHashMap<>();

  private SourceModel(
      Path directory, Manifest manifest, CompletableFuture<VariableValues> values, String sha256) {
    this.directory = directory;
    this.manifest = manifest;
    this.values = values;
    this.sha256 = sha256;
    manifest.odeBlocks().forEach(b -> blocks.put(b.name(), b));
  }

  /** Opens a version directory, or a model base directory (its latest version). */
  public static SourceModel open(Path dir) {
    Path versionDir = SavedModels.resolveVersion(dir);
    SavedModelReader reader = SavedModelReader.open(versionDir);
    Path file = versionDir.resolve(Manifest.PATH);
    Manifest manifest = reader.manifest();
    if (manifest == null) {
      throw new IllegalArgumentException(
          file
              + ": file: expected an odenet manifest (it names the ODE blocks to compress), found no such file");
    }
    if (manifest.odeBlocks().isEmpty()) {
      throw new IllegalArgumentException(
          file + ": ode_blocks: expected at least one ODE block to compress, found none");
    }
    Map<String, SavedModelReader.VariableSpec> graphVariables = new LinkedHashMap<>();
    reader.variables().forEach(v -> graphVariables.put(v.name(), v));
    // the checks validation/inspect apply too (basis/k, steps/scheme, shapes, first axis K, kinds,
    // blocks)
    SavedModels.checkBlocks(file, manifest, graphVariables);
    for (Manifest.BlockEntry b : manifest.odeBlocks()) {
      for (Manifest.BlockVariable bv : b.variables()) {
        SavedModelReader.VariableSpec v = graphVariables.get(bv.name());
        if (!"float32".equals(v.dtypeName())) {
          throw new IllegalArgumentException(
              file
                  + ": ode_blocks["
                  + b.name()
                  + "].variables["
                  + bv.name()
                  + "].dtype: expected float32 coefficients, found "
                  + v.dtypeName());
        }
      }
    }
    // a missing or truncated checkpoint file is named now, as validation names it (not read, then
    // reported as a checksum mismatch)
    SavedModels.checkVariablesFiles(versionDir, reader, manifest);
    // the values are read on another thread (the first access waits for them), meanwhile the
    // checksum here;
    // a NaN or infinite value is refused as validation refuses it (nothing is compressed from it)
    CompletableFuture<VariableValues> values =
        Background.supply(
            "odenet-read-values",
            () -> {
              VariableValues read = reader.readValues();
              try {
                SavedModels.checkFinite(reader, read);
                return read;
              } catch (RuntimeException | Error e) {
                read.close();
                throw e;
              }
            });
    try {
      String sha = Checksums.variablesSha256(versionDir);
      SavedModels.checkVariablesSha256(file, manifest, versionDir, sha);
      return new SourceModel(versionDir, manifest, values, sha);
    } catch (RuntimeException | Error e) {
      // the values being read are nobody's: wait for them and close them
      VariableValues v = Background.joinQuietly(values);
      if (v != null) {
        v.close();
      }
      throw e;
    }
  }

  /** The version directory read. */
  public Path directory() {
    return directory;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The model spec of the manifest, or null for a custom graph. */
  public ModelSpec modelSpec() {
    return manifest.spec();
  }

  /** SHA-256 of the source's {@code variables/} (see {@link Checksums#variablesSha256}). */
  public String sha256() {
    return sha256;
  }

  /** Every variable's value, by name (owned by this source). */
  public Map<String, Tensor> values() {
    return Background.join(values).asMap();
  }

  /** The ODE blocks in build order, by name. */
  public Map<String, Manifest.BlockEntry> blocks() {
    return java.util.Collections.unmodifiableMap(blocks);
  }

  /**
   * A block's discretisation as an {@link OdeBlockSpec} (coefficient init is irrelevant for
   * inference).
   */
  public OdeBlockSpec blockSpec(String block) {
    Manifest.BlockEntry b = block(block);
    return new OdeBlockSpec(
        b.basis(), b.steps(), b.scheme(), b.epsilon(), CoefficientInit.IDENTICAL);
  }

  Manifest.BlockEntry block(String name) {
    Manifest.BlockEntry b = blocks.get(name);
    if (b == null) {
      throw new IllegalArgumentException(
          "ODE block: expected one of " + blocks.keySet() + ", found '" + name + "'");
    }
    return b;
  }

  /** The block's variables of one kind ({@link Manifest#PARAMETER} or {@link Manifest#STATE}). */
  List<Manifest.BlockVariable> blockVariables(String block, String kind) {
    List<Manifest.BlockVariable> out = new ArrayList<>();
    for (Manifest.BlockVariable v : block(block).variables()) {
      if (kind.equals(v.kind())) {
        out.add(v);
      }
    }
    return out;
  }

  /** A float32 variable's values as doubles, row-major. */
  double[] doubles(String name) {
    float[] f = Background.join(values).floats(name);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  TFloat32 float32(String name) {
    return Background.join(values).float32(name);
  }

  /** Product of the dimensions after the first. */
  static int trailing(List<Long> shape) {
    long n = 1;
    for (int i = 1; i < shape.size(); i++) {
      n *= shape.get(i);
    }
    return Math.toIntExact(n);
  }

  @Override
  public void close() {
    VariableValues v = Background.joinQuietly(values);
    if (v != null) {
      v.close();
    }
  }
}
