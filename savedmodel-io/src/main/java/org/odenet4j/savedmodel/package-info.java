/**
 * SavedModel export for TensorFlow Serving, the odenet manifest, inspection, and reads that never
 * run the model's graph.
 */
package org.odenet4j.savedmodel;
