/**
 * {@code odenet model}: the built-in models' specs from flags, and their summary (parameters,
 * blocks, stage evaluations) without training.
 */
package org.odenet4j.cli.model;
