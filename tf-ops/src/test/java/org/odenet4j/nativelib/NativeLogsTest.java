package org.odenet4j.nativelib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which stderr lines {@link NativeLogs} drops: the lines TensorFlow 2.18 printed in this project's
 * runs (copied from real stderr), and nothing else. The descriptor redirection itself is checked
 * end to end in a fresh JVM ({@code CliQuietStderrTest} in integration-tests).
 */
class NativeLogsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-02 13:32:02.222876: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on. You may see slightly"
            + " different numerical results due to floating-point round-off errors from different computation orders. To turn"
            + " them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.",
        "2026-12-02 13:32:04.995521: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized to"
            + " use available CPU instructions in performance-critical operations.",
        "To enable the following instructions: AVX2 AVX512F AVX512_VNNI AVX512_BF16 AVX_VNNI FMA, in other operations, rebuild"
            + " TensorFlow with the appropriate compiler flags.",
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
        "I0000 00:00:1796218170.896089    2235 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled",
        "W1202 13:32:04.995521   2235 loader.cc:12] a warning after absl is initialised",
        "2024-03-11 20:03:44.868213: E external/org_tensorflow/tensorflow/cc/saved_model/reader.cc:45] Reading SavedModel from: /tmp/m"
      })
  void tensorFlowLogLinesAreRecognised(String line) {
    assertThat(NativeLogs.isTensorFlowLogLine(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "odenet: error: /no/such/dir: directory: expected a SavedModel directory, found no such directory",
        "odenet: WARNING: 4 euler steps reach no stage in basis functions [1, 3, 5, 7] of piecewise_constant:8",
        "F0000 00:00:1796218170.896089    2235 gradients.cc:555] Check failed: num_requested_inputs == p.second (0 vs. 1)",
        "2026-12-02 13:32:02.222876: F tensorflow/core/framework/tensor.cc:1] Check failed",
        "malloc(): unaligned tcache chunk detected",
        "# A fatal error has been detected by the Java Runtime Environment:",
        "data: embedded Fashion-MNIST subset: 6,000 train, 1,000 test",
        "To enable the following instructions: (a user's own line that merely starts the same way)",
        ""
      })
  void everythingElseIsKeptIncludingFatalLines(String line) {
    assertThat(NativeLogs.isTensorFlowLogLine(line)).isFalse();
  }

  /**
   * The copier keeps the other lines byte for byte, in order, including a last line without
   * newline.
   */
  @Test
  void copierDropsOnlyTensorFlowLines() {
    String in =
        "first line\n"
            + "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
            + "I0000 00:00:1796218170.896089    2235 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled\n"
            + "θ second line, UTF-8\n"
            + "unterminated";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogs.copyForeignLines(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("first line\nθ second line, UTF-8\nunterminated");
  }

  /**
   * A multi-line status TensorFlow logs goes with its line: the {@code [[{{node …}}]]} line, the
   * OOM hint and the blank line after it, as printed (copied from real stderr) for a checkpoint
   * that cannot be restored and for a save on a full disk. The same lines without a TensorFlow line
   * before them are kept, and so is everything after the record.
   */
  @Test
  void continuationLinesOfATensorFlowRecordAreDroppedWithIt() {
    String in =
        "2026-12-02 14:20:01.123456: I tensorflow/core/framework/local_rendezvous.cc:405] Local rendezvous is aborting"
            + " with status: DATA_LOSS: not an sstable (bad magic number)\n"
            + "\t [[{{node Restore}}]]\n"
            + "2026-12-02 14:20:02.123456: W tensorflow/core/framework/op_kernel.cc:1841] OP_REQUIRES failed at save_restore_v2_ops.cc:"
            + "160 : RESOURCE_EXHAUSTED: /m/variables/variables.data-00000-of-00001.tempstate1; No space left on device\n"
            + "\t [[{{node save/Save}}]]\n"
            + "Hint: If you want to see a list of allocated tensors when OOM happens, add report_tensor_allocations_upon_oom to"
            + " RunOptions for current allocation info. This isn't available when running in Eager mode.\n"
            + "\n"
            + "# A fatal error has been detected by the Java Runtime Environment:\n"
            + "\tindented, but after a foreign line\n"
            + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogs.copyForeignLines(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "# A fatal error has been detected by the Java Runtime Environment:\n\tindented, but after a foreign line\n\n");
  }
}
