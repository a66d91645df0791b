/**
 * Offline, data-free compression of ODE-Net SavedModels, as in Queiruga et al. (NeurIPS 2021): a
 * {@link org.odenet4j.compression.Compressor} reads a source through reads that never run its
 * graph. It maps every ODE block's coefficient tensors, parameters and continuous-BN running
 * statistics alike, onto a target basis. The map is the exact L2 projection or interpolation
 * operator, applied in double precision, with negative variances clamped and counted. Every other
 * variable is copied bit for bit. The compressor rebuilds the inference graph with the target K, N
 * and scheme (from the manifest's model spec, or a caller's {@link
 * org.odenet4j.compression.GraphFactory} for custom graphs). It publishes a new version directory
 * atomically, next to the untouched source, with the source's SHA-256 in its manifest, and returns
 * a {@link org.odenet4j.compression.CompressionReport} (parameters, bytes, gzip bytes, stage
 * evaluations and the exact relative error of each block's function, plus accuracy and latency when
 * a {@link org.odenet4j.compression.ModelScorer} is given). {@link
 * org.odenet4j.compression.CompressionPlan} can pick each block's K from a tolerance on that error.
 * {@link org.odenet4j.compression.Sweep} tabulates a K × N × scheme × method grid, and {@link
 * org.odenet4j.compression.Plots} draws it and a few weights' θ(t) as PNG. BatchNorm recalibration
 * on unlabelled batches ({@link org.odenet4j.compression.BatchNormRecalibration}) is offered as an
 * option beyond the paper, off by default.
 */
package org.odenet4j.compression;
