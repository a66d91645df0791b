package org.odenet4j.savedmodel;

import java.nio.file.Path;

/** Observes the stages of an export (progress output, tests that interrupt an export). */
@FunctionalInterface
public interface ExportListener {
  /** The stages, in order. */
  enum Stage {
    /**
     * The inference graph is built and its values are assigned; the temporary directory exists,
     * empty.
     */
    VALUES_ASSIGNED,
    /** {@code saved_model.pb} and {@code variables/} are written into the temporary directory. */
    SAVED_MODEL_WRITTEN,
    /** The manifest is written; the temporary directory is complete. */
    MANIFEST_WRITTEN,
    /** The temporary directory was renamed to {@code BASE/<version>}. */
    PUBLISHED
  }

  /**
   * Called after {@code stage}; {@code directory} is the temporary directory, or the version
   * directory once published. An exception before {@code PUBLISHED} aborts the export (the
   * temporary directory is deleted); an exception at {@code PUBLISHED} cannot undo the publication:
   * the export fails with an {@link IllegalStateException} that names the published version.
   */
  void stage(Stage stage, Path directory);
}
