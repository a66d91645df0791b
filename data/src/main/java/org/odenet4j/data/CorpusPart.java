package org.odenet4j.data;

/** A split of a tagged corpus; a Brown file's split follows the last digit of its name. */
public enum CorpusPart {
  TRAIN,
  DEV,
  TEST
}
