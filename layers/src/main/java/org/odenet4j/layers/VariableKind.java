package org.odenet4j.layers;

/** The role of a model variable: differentiated and optimised, or updated by assignment. */
public enum VariableKind {
  /** A trainable parameter: gradients are taken with respect to it. */
  PARAMETER,
  /** State such as running statistics: never differentiated, updated by assign ops. */
  STATE,
  /** An optimizer slot (momentum, Adam moments): exists only in training graphs, never exported. */
  OPTIMIZER
}
