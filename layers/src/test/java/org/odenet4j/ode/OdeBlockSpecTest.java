package org.odenet4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odenet4j.layers.CoefficientInit;

class OdeBlockSpecTest {

  @Test
  void normalisesAndValidates() {
    OdeBlockSpec spec = new OdeBlockSpec(" Piecewise_Constant:4 ", 4, "RK4", 2.0, null);
    assertThat(spec.basis()).hasToString("piecewise_constant:4");
    assertThat(spec.scheme()).hasToString("rk4");
    assertThat(spec.init()).isEqualTo(CoefficientInit.IDENTICAL);
    assertThat(spec.stageTimes().evaluations()).isEqualTo(16);
    assertThat(spec.basis().size()).isEqualTo(4);
    assertThat(OdeBlockSpec.of("fem_linear:3", 2))
        .isEqualTo(new OdeBlockSpec("fem_linear:3", 2, "euler", 1.0, CoefficientInit.IDENTICAL));
    assertThat(spec.withSteps(8).steps()).isEqualTo(8);
    assertThat(spec.withBasis("legendre:2").basis()).hasToString("legendre:2");
    assertThat(spec.withScheme("midpoint").scheme()).hasToString("midpoint");
    assertThat(spec.withEpsilon(4).epsilon()).isEqualTo(4.0);
    assertThatThrownBy(() -> OdeBlockSpec.of("piecewise_constant:2", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0");
    assertThatThrownBy(() -> new OdeBlockSpec("piecewise_constant:2", 2, "euler", 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OdeBlockSpec("piecewise_constant:2", 2, "heun", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'heun'");
    assertThatThrownBy(() -> OdeBlockSpec.of("piecewise_linear:3", 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
