package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odenet4j.savedmodel.Checksums;
import org.odenet4j.savedmodel.Manifest;

class SourceModelTest {
  @TempDir static Path tmp;
  static Path source;

  @BeforeAll
  static void export() {
    source = TestModels.export(TestModels.image("piecewise_constant:2", 2), tmp.resolve("base"), 1);
  }

  @Test
  void readsManifestValuesAndChecksum() {
    try (SourceModel s =
        SourceModel.open(tmp.resolve("base"))) { // a base directory: its latest version
      assertThat(s.directory()).isEqualTo(source);
      assertThat(s.blocks().keySet())
          .containsExactly("stage1/block", "stage2/block", "stage3/block");
      assertThat(s.sha256()).isEqualTo(Checksums.variablesSha256(source));
      assertThat(s.values().keySet())
          .containsExactlyInAnyOrderElementsOf(
              Manifest.read(source).variables().stream()
                  .map(Manifest.VariableEntry::name)
                  .toList());
      assertThat(s.blockSpec("stage2/block").basis()).hasToString("piecewise_constant:2");
      assertThat(s.modelSpec()).isNotNull();
    }
  }

  @Test
  void missingManifestIsAnError() throws Exception {
    Path copy = copy("nomanifest");
    Files.delete(copy.resolve(Manifest.PATH));
    assertThatThrownBy(() -> SourceModel.open(copy))
        .hasMessage(
            copy.resolve(Manifest.PATH)
                + ": file: expected an odenet manifest (it names the ODE blocks to compress), found no such file");
  }

  /**
   * A checkpoint that is not the one the manifest describes (here: a manifest checksum edited) is
   * refused.
   */
  @Test
  void checksumMismatchIsAnError() throws Exception {
    Path copy = copy("tampered");
    Path file = copy.resolve(Manifest.PATH);
    String sha = Checksums.variablesSha256(copy);
    Files.writeString(file, Files.readString(file).replace(sha, "0".repeat(64)));
    assertThatThrownBy(() -> SourceModel.open(copy))
        .hasMessage(
            file
                + ": provenance.variables_sha256: expected "
                + "0".repeat(64)
                + " (as in the manifest), found "
                + sha
                + " for "
                + copy.resolve("variables"));
  }

  /** A manifest whose block variable lacks the basis axis names the field, expected and found. */
  @Test
  void blockVariableShapeMismatchIsAnError() throws Exception {
    Path copy = copy("badk");
    Path file = copy.resolve(Manifest.PATH);
    String json = Files.readString(file);
    Files.writeString(
        file,
        json.replace(
            "\"basis\" : \"piecewise_constant:2\",\n    \"k\" : 2",
            "\"basis\" : \"piecewise_constant:3\",\n    \"k\" : 3"));
    assertThatThrownBy(() -> SourceModel.open(copy))
        .hasMessage(
            file
                + ": ode_blocks[stage1/block].variables[stage1/block/bn1/gamma].shape: expected first axis K = 3 (the block's k), found [2, 4] in saved_model.pb");
  }

  /**
   * A truncated checkpoint file is named with its sizes before any value is read, as validation
   * names it (not as a checksum mismatch).
   */
  @Test
  void truncatedCheckpointIsNamedBeforeReading() throws Exception {
    Path copy = copy("truncated");
    Path data = copy.resolve("variables/variables.data-00000-of-00001");
    long size = Files.size(data);
    try (var f = new java.io.RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(size - 8);
    }
    assertThatThrownBy(() -> SourceModel.open(copy))
        .hasMessage(
            data
                + ": size: expected "
                + size
                + " bytes (as in the manifest), found "
                + (size - 8)
                + " (truncated)");
    Files.delete(data);
    assertThatThrownBy(() -> SourceModel.open(copy))
        .hasMessage(data + ": file: expected the checkpoint data, found no such file");
  }

  /**
   * A NaN or infinite weight is refused when the values are first used, as validation refuses it:
   * nothing is compressed from it.
   */
  @Test
  void nonFiniteValueIsAnError() {
    Path nan =
        TestModels.export(
            TestModels.image("piecewise_constant:2", 2),
            tmp.resolve("nan"),
            1,
            (name, v) -> {
              if (name.equals("stage2/block/conv1/kernel")) {
                v[3] = Float.NEGATIVE_INFINITY;
              }
              return v;
            });
    try (SourceModel s = SourceModel.open(nan)) {
      assertThatThrownBy(s::values)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              nan.resolve("variables/variables")
                  + ": stage2/block/conv1/kernel: expected finite values, found -Infinity at flat index 3 of "
                  + Manifest.read(nan).variables().stream()
                      .filter(v -> v.name().equals("stage2/block/conv1/kernel"))
                      .findFirst()
                      .orElseThrow()
                      .shape()
                      .stream()
                      .mapToLong(Long::longValue)
                      .reduce(1, (a, b) -> a * b));
    }
  }

  @Test
  void missingDirectoryIsAnError() {
    Path nope = tmp.resolve("nope");
    assertThatThrownBy(() -> SourceModel.open(nope))
        .hasMessage(nope + ": directory: expected a SavedModel directory, found no such directory");
  }

  private static Path copy(String name) throws Exception {
    Path dst = tmp.resolve(name);
    try (var walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path t = dst.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }
}
