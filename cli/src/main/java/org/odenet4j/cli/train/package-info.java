/**
 * {@code odenet train}: a built-in model trained with refinement on image or tagging data and
 * exported as a new SavedModel version with its manifest.
 */
package org.odenet4j.cli.train;
