package org.odenet4j.models;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The outputs of a classification head (per example, or per token for the tagger).
 *
 * @param logits unnormalised scores, [..., classes]
 * @param probabilities softmax of the logits
 * @param classes argmax of the logits
 */
public record ClassifierOutputs(
    Operand<TFloat32> logits, Operand<TFloat32> probabilities, Operand<TInt64> classes) {}
