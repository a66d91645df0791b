/**
 * Complete models described by a JSON-serialisable {@link org.odenet4j.models.ModelSpec}: the image
 * classifier of the reference (stem, three stitch + ODE-block stages, BN, pooling, dense) and the
 * continuous-transformer tagger. A spec fully determines the graph; building the same spec twice
 * gives the same variables, names and shapes.
 */
package org.odenet4j.models;
