package org.odenet4j.layers;

/** How the K basis coefficients of a parameter start. */
public enum CoefficientInit {
  /**
   * θ(t) starts constant in depth at one draw v: coefficients v·{@code Basis.constant()}, i.e. K
   * equal copies for the nodal families (the reference code) and (v, 0, …, 0) for legendre.
   */
  IDENTICAL,
  /**
   * K independent draws (a deterministic initialiser such as ones still starts constant in depth).
   */
  INDEPENDENT
}
