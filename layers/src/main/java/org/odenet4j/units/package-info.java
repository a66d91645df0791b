/**
 * Residual and rate units written once against {@link org.odenet4j.layers.LayerContext}: used
 * directly they are ordinary residual branches; given to an {@link org.odenet4j.ode.OdeBlock} they
 * are the rate R(θ(t), h) with every parameter expanded over depth.
 */
package org.odenet4j.units;
