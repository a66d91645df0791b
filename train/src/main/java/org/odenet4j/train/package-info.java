/**
 * Training: learning-rate schedules, optimizers written as explicit graph updates (SGD with
 * momentum and coupled weight decay, the reference's CIFAR recipe; AdamW, its transformer recipe),
 * the train step that differentiates only trainable parameters and runs the continuous-BN state
 * updates with it, and refinement training's exact carry-over of values to a finer basis.
 */
package org.odenet4j.train;
