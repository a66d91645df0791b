package org.odenet4j.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Which update rule a train step applies. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OptimizerSpec.SgdMomentum.class, name = "sgd"),
  @JsonSubTypes.Type(value = OptimizerSpec.AdamW.class, name = "adamw")
})
public sealed interface OptimizerSpec {

  /**
   * SGD with momentum and <em>coupled</em> L2 weight decay on every parameter (the reference's
   * CIFAR recipe): g ← ∇L + wd·θ; a ← μ·a + g; θ ← θ − lr·a, or with Nesterov θ ← θ − lr·(g + μ·a).
   *
   * @param momentum μ
   * @param nesterov Nesterov momentum
   * @param weightDecay wd
   */
  record SgdMomentum(double momentum, boolean nesterov, double weightDecay)
      implements OptimizerSpec {
    public SgdMomentum {
      if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "sgd: expected 0 <= momentum < 1 and weight decay >= 0, found "
                + momentum
                + ", "
                + weightDecay);
      }
    }
  }

  /**
   * Adam with <em>decoupled</em> weight decay multiplied by the learning rate (the reference's
   * transformer recipe, flax {@code optim.Adam(weight_decay)}): θ ← θ − lr·(m̂/(√v̂ + ε) + wd·θ),
   * m̂ and v̂ bias-corrected.
   *
   * @param beta1 β₁
   * @param beta2 β₂
   * @param epsilon ε
   * @param weightDecay wd
   */
  record AdamW(double beta1, double beta2, double epsilon, double weightDecay)
      implements OptimizerSpec {
    public AdamW {
      if (!(beta1 >= 0 && beta1 < 1)
          || !(beta2 >= 0 && beta2 < 1)
          || !(epsilon > 0)
          || !(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "adamw: expected 0 <= beta1, beta2 < 1, epsilon > 0, weight decay >= 0, found "
                + beta1
                + ", "
                + beta2
                + ", "
                + epsilon
                + ", "
                + weightDecay);
      }
    }
  }
}
