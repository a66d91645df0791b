/**
 * Evaluation of an exported version on labelled data: {@link org.odenet4j.evaluate.ModelEvaluator}
 * loads a SavedModel (after validating it) and runs its {@code serving_default} signature over
 * image or tagging examples in batches, giving accuracy and mean cross-entropy ({@link
 * org.odenet4j.evaluate.Evaluation}); the CLI's {@code eval}, {@code compress --data} and {@code
 * sweep} score versions with it.
 */
package org.odenet4j.evaluate;
