/**
 * {@code odenet eval}: a version scored on its test data, and the data flags shared with the
 * commands that score or train.
 */
package org.odenet4j.cli.eval;
