package org.odenet4j.layers;

/** Whether a graph head is built for training (batch statistics, state updates) or inference. */
public enum Mode {
  /** Batch statistics in normalisation, running-statistic updates collected for the train step. */
  TRAIN,
  /** Running statistics only; the graph holds no training ops. */
  INFER
}
