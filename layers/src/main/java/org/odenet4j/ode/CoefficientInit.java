package org.odenet4j.ode;

/** How the K basis coefficients of a parameter start. */
public enum CoefficientInit {
  /** All K coefficients equal one draw: θ(t) starts constant in depth (the reference code). */
  IDENTICAL,
  /** K independent draws. */
  INDEPENDENT
}
