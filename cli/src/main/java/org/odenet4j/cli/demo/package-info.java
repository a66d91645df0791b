/**
 * {@code odenet demo}: the whole idea in one command — train a small image ODE-Net with refinement
 * on Fashion-MNIST, export it for TensorFlow Serving, compress it to fewer basis functions, fewer
 * steps and by tolerance without data or retraining, evaluate every version and write a report.
 */
package org.odenet4j.cli.demo;
