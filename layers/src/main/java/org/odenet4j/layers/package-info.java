/**
 * A small graph-mode layer toolkit over TensorFlow Java's {@code Ops}: convolution, dense, batch
 * and layer normalisation, embeddings, sinusoidal positions, multi-head self-attention and
 * activations. Layers never create variables themselves: they ask their {@link
 * org.odenet4j.layers.LayerContext} for parameters and running statistics. Outside an ODE block the
 * context hands out ordinary variables; inside one it hands out θ(tᵢ) read from {@code [K, …]}
 * basis coefficients. So a residual unit and an ODE rate function are the same code.
 */
package org.odenet4j.layers;
