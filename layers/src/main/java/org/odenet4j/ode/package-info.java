/**
 * ODE blocks: dh/dt = ε·R(θ(t), h) on [0, 1], integrated by a statically unrolled Runge–Kutta
 * scheme, where every parameter of the rate unit R is a basis expansion over depth stored as a
 * {@code [K, …]} coefficient variable, and every BatchNorm inside R is continuous in depth: its
 * running statistics are {@code [K, C]} state coefficients refitted from all stages after each
 * training step (the stateful ODE block of Queiruga et al., 2021).
 */
package org.odenet4j.ode;
