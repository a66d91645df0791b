package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odenet4j.layers.CoefficientInit;
import org.odenet4j.ode.OdeBlockSpec;

class BlockTargetTest {
  @Test
  void parsesFkNs() {
    assertThat(BlockTarget.parse("Piecewise_Constant:8/4/RK4"))
        .isEqualTo(new BlockTarget("piecewise_constant:8", 4, "rk4"));
  }

  @Test
  void badTextsSayWhatWasExpected() {
    assertThatThrownBy(() -> BlockTarget.parse("piecewise_constant:8/4"))
        .hasMessage(
            "block target: expected F:K/N/S (e.g. piecewise_constant:8/8/euler), found 'piecewise_constant:8/4'");
    assertThatThrownBy(() -> BlockTarget.parse("piecewise_constant:8/four/euler"))
        .hasMessage(
            "block target 'piecewise_constant:8/four/euler': expected an integer step count N, found 'four'");
    assertThatThrownBy(() -> BlockTarget.parse("piecewise_constant:8/0/euler"))
        .hasMessage("steps: expected N >= 1, found 0");
    assertThatThrownBy(() -> BlockTarget.parse("piecewise_constant:8/4/heun"))
        .hasMessage("scheme: expected one of euler, midpoint, rk4, rk4_38, found 'heun'");
    assertThatThrownBy(() -> BlockTarget.parse("spline:8/4/euler"))
        .hasMessageContaining("found 'spline'");
  }

  /**
   * Line breaks in the text are escaped in the message, which stays one line. Found by
   * ParserFuzzTest.
   */
  @Test
  void messagesStayOneLine() {
    assertThatThrownBy(() -> BlockTarget.parse("legendre:2/4\r\n"))
        .hasMessage(
            "block target: expected F:K/N/S (e.g. piecewise_constant:8/8/euler), found 'legendre:2/4\\r\\n'");
    assertThatThrownBy(() -> BlockTarget.parse("legendre:2/4\nx/euler"))
        .hasMessage(
            "block target 'legendre:2/4\\nx/euler': expected an integer step count N, found '4\\nx'");
  }

  /** Null fields keep the source's; a block's own fields win over the global target's. */
  @Test
  void mergesAndApplies() {
    BlockTarget global = new BlockTarget("fem_linear:3", 8, null);
    BlockTarget own = new BlockTarget(null, 2, "rk4");
    assertThat(own.orElse(global)).isEqualTo(new BlockTarget("fem_linear:3", 2, "rk4"));
    OdeBlockSpec source =
        new OdeBlockSpec("piecewise_constant:16", 16, "euler", 16.0, CoefficientInit.INDEPENDENT);
    assertThat(own.orElse(global).applyTo(source))
        .isEqualTo(new OdeBlockSpec("fem_linear:3", 2, "rk4", 16.0, CoefficientInit.INDEPENDENT));
    assertThat(BlockTarget.KEEP.applyTo(source)).isEqualTo(source);
  }
}
