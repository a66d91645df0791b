/**
 * Basis-function expansions over depth, θ(t) = Σₖ φₖ(t)·cₖ on t ∈ [0, 1], and the exact linear
 * operators between them: evaluation, L2 projection with exactly integrated Gram matrices,
 * interpolation, least-squares point fits and split refinement. Pure Java, double precision, no
 * TensorFlow, so everything here is tested in milliseconds.
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>name</th><th>K</th><th>coefficient k means</th><th>degree per cell</th><th>refines to</th></tr>
 *   <tr><td>{@code piecewise_constant:K}</td><td>≥ 1</td><td>value on cell [k/K, (k+1)/K)</td><td>0</td><td>2K</td></tr>
 *   <tr><td>{@code piecewise_linear:K}</td><td>even ≥ 2</td><td>c[2e], c[2e+1] = values at the left and right end of element e (E = K/2)</td><td>1</td><td>2K</td></tr>
 *   <tr><td>{@code fem_linear:K}</td><td>≥ 1</td><td>value at node k/(K−1) (K = 1: the constant)</td><td>1</td><td>2K−1 (K = 1: 2)</td></tr>
 *   <tr><td>{@code legendre:K}</td><td>≥ 1</td><td>weight of Pₖ(2t − 1)</td><td>K − 1</td><td>2K</td></tr>
 * </table>
 *
 * <p>Convention shared by every family: an interior breakpoint belongs to the cell on its right and
 * t = 1 belongs to the last cell, unless a {@link org.odenet4j.basis.Side#LEFT} evaluation is asked
 * for (the integrators use that for a stage at the end of a step, so the stage reads the step's own
 * cell).
 */
package org.odenet4j.basis;
