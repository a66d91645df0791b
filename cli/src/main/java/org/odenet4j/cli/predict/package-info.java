/**
 * {@code odenet predict}: runs a version's graph on a TensorFlow Serving REST request body, image
 * files, IDX images or text, and prints the REST response (or a table for people).
 */
package org.odenet4j.cli.predict;
