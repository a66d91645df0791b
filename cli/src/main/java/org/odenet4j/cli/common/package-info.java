/**
 * What every {@code odenet} command shares: typed parsing of flag values with one-line errors that
 * name the flag ({@link org.odenet4j.cli.common.Args}), the error line and exit code of each
 * failure ({@link org.odenet4j.cli.common.Errors}) and the JSON written by {@code --json} ({@link
 * org.odenet4j.cli.common.Json}). Command packages use it; it uses none of them.
 */
package org.odenet4j.cli.common;
