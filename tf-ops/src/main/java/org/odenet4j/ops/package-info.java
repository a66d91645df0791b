/**
 * TensorFlow op builders for basis-expanded weights and statically unrolled integration: θ(tᵢ) from
 * a {@code [K, …]} coefficient tensor as a ≤ 2-term combination of static slices (local bases) or
 * one contraction (legendre), and an explicit Runge–Kutta unroller that emits every stage as graph
 * ops (no {@code whileLoop}, whose gradients abort the JVM in TF Java 1.1.0). The only part of
 * {@code tf-ops} that touches {@code Ops}.
 */
package org.odenet4j.ops;
