/**
 * JMH benchmarks: graph overhead of basis expansions against plain ResNet graphs, and the pay-off
 * of compression.
 *
 * <p>{@link org.odenet4j.bench.HandBuiltResNet} is the reference route (the image classifier as a
 * plain ResNet over raw {@code Ops}, weights copied from an ODE model); {@link
 * org.odenet4j.bench.PairedLatency}, {@link org.odenet4j.bench.SavedModelFootprint}, {@link
 * org.odenet4j.bench.RssLeakCheck} and {@link org.odenet4j.bench.BenchSummary} are plain programs
 * run by {@code benchmarks/run-all.sh}.
 */
package org.odenet4j.bench;
