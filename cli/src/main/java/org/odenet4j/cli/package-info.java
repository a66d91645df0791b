/**
 * The {@code odenet} command line: {@link org.odenet4j.cli.Main} (the command tree, exit codes, the
 * native-log filter), {@code inspect} and the version banner; each other command has its own
 * package below, and what they share is in {@code org.odenet4j.cli.common}. Flags are parsed here
 * and only here: commands turn them into the library's typed values.
 */
package org.odenet4j.cli;
