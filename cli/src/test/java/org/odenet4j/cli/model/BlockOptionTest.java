package org.odenet4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockOptionTest {

  @Test
  void parsesNameBasisStepsScheme() {
    assertThat(BlockOption.parse("stage3/block=fem_linear:5/8/rk4"))
        .isEqualTo(new BlockOption("stage3/block", "fem_linear:5", 8, "rk4"));
    assertThatThrownBy(() -> BlockOption.parse("stage3/block=fem_linear:5/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--block: expected NAME=F:K/N/S, found 'stage3/block=fem_linear:5/8'");
    assertThatThrownBy(() -> BlockOption.parse("stage3/block=fem_linear:5/x/rk4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--block stage3/block: expected an integer step count N, found 'x'");
  }

  /**
   * Line breaks in the value are escaped in the message, which stays one line. Found by
   * ParserFuzzTest.
   */
  @Test
  void messagesStayOneLine() {
    assertThatThrownBy(() -> BlockOption.parse("stage1/block=legendre:2/4\n"))
        .hasMessage("--block: expected NAME=F:K/N/S, found 'stage1/block=legendre:2/4\\n'");
    assertThatThrownBy(() -> BlockOption.parse("stage\r1=legendre:2/\n4/euler"))
        .hasMessage("--block stage\\r1: expected an integer step count N, found '\\n4'");
  }
}
