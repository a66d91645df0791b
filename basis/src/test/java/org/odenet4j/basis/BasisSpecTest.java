package org.odenet4j.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasisSpecTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "piecewise_constant:16",
        "piecewise_linear:4",
        "fem_linear:9",
        "fem_linear:1",
        "legendre:3"
      })
  void validNamesRoundTrip(String text) {
    BasisSpec spec = BasisSpec.parse(text);
    assertThat(spec.toString()).isEqualTo(text);
    assertThat(spec.basis().spec()).isEqualTo(text);
    assertThat(BasisSpec.of(spec.basis())).isEqualTo(spec);
    assertThat(Basis.parse(text)).isEqualTo(spec.basis());
  }

  @Test
  void parsedFamilyAndSizeBuildTheRightRecord() {
    assertThat(Basis.parse("piecewise_constant:16")).isEqualTo(new PiecewiseConstantBasis(16));
    assertThat(Basis.parse(" Fem_Linear:5 ")).isEqualTo(new FemLinearBasis(5));
    assertThat(Basis.parse("legendre:2")).isEqualTo(new LegendreBasis(2));
    assertThat(Basis.parse("piecewise_linear:6")).isEqualTo(new PiecewiseLinearBasis(6));
    assertThat(BasisSpec.FAMILIES)
        .containsExactly("piecewise_constant", "piecewise_linear", "fem_linear", "legendre");
  }

  @Test
  void unknownFamilyNamesTheKnownOnes() {
    assertThatThrownBy(() -> BasisSpec.parse("poly_linear:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one of")
        .hasMessageContaining("piecewise_constant")
        .hasMessageContaining("legendre")
        .hasMessageContaining("found 'poly_linear'");
  }

  @Test
  void nonPositiveKIsRejected() {
    assertThatThrownBy(() -> BasisSpec.parse("piecewise_constant:0"))
        .hasMessageContaining("expected K >= 1")
        .hasMessageContaining("found K = 0");
    assertThatThrownBy(() -> BasisSpec.parse("legendre:-2")).hasMessageContaining("found K = -2");
  }

  @Test
  void oddKForPiecewiseLinearIsRejected() {
    assertThatThrownBy(() -> BasisSpec.parse("piecewise_linear:5"))
        .hasMessageContaining("expected an even K")
        .hasMessageContaining("found K = 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fem_linear:2.5", "fem_linear:x", "fem_linear:1e2"})
  void nonIntegerKIsRejected(String text) {
    assertThatThrownBy(() -> BasisSpec.parse(text))
        .hasMessageContaining("expected an integer K")
        .hasMessageContaining("found '" + text.substring(text.indexOf(':') + 1) + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fem_linear", "fem_linear:", ":4", ""})
  void missingPartsAreRejected(String text) {
    assertThatThrownBy(() -> BasisSpec.parse(text))
        .hasMessageContaining("expected family:K")
        .hasMessageContaining("found '" + text + "'");
    assertThatThrownBy(() -> BasisSpec.parse(null)).hasMessageContaining("found nothing");
  }

  /**
   * Line breaks in the text are escaped in the message, which stays one line. Found by
   * ParserFuzzTest.
   */
  @Test
  void messagesStayOneLine() {
    assertThatThrownBy(() -> BasisSpec.parse("piecewise_\rlinear:4"))
        .hasMessage(
            "basis family: expected one of piecewise_constant, piecewise_linear, fem_linear, legendre,"
                + " found 'piecewise_\\rlinear'");
    assertThatThrownBy(() -> BasisSpec.parse("legendre:\n3"))
        .hasMessage("basis 'legendre:\\n3': expected an integer K after ':', found '\\n3'");
    assertThatThrownBy(() -> BasisSpec.parse("legendre\r\n"))
        .hasMessage(
            "basis: expected family:K (e.g. piecewise_constant:16), found 'legendre\\r\\n'");
  }
}
