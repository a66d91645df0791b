package org.odenet4j.savedmodel;

import java.nio.file.Path;

/**
 * A published version.
 *
 * @param directory {@code BASE/<version>}
 * @param version the version number
 * @param manifest what was written to {@code assets.extra/odenet.json}
 */
public record ExportResult(Path directory, long version, Manifest manifest) {}
