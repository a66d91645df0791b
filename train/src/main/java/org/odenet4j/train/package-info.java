/**
 * Training: a user's {@link org.odenet4j.train.Network} written once and wrapped in a {@link
 * org.odenet4j.train.Model} ({@code fit}, checkpoints that {@code export} themselves with their
 * trained ODE-block discretisations and the run's provenance), {@link
 * org.odenet4j.train.TrainingData} from odenet4j's readers or a user's arrays, the {@link
 * org.odenet4j.train.Trainer} (epoch loop, refinement splits, validation, best/last checkpoints),
 * learning-rate schedules, optimizers written as explicit graph updates (SGD with momentum and
 * coupled weight decay, the reference's CIFAR recipe; AdamW, its transformer recipe), the train
 * step that differentiates only trainable parameters and runs the continuous-BN state updates with
 * it, and refinement training's exact carry-over of values to a finer basis.
 */
package org.odenet4j.train;
