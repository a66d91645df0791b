package org.odenet4j.cli.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odenet4j.basis.Basis;
import org.odenet4j.basis.ChangeOfBasis;
import org.odenet4j.basis.L2Error;
import org.odenet4j.basis.Projection;
import org.odenet4j.cli.Cli;

class BasisProjectCommandTest {
  private static final double TOL = 1e-12;

  /** 1, 2, …, 16: a staircase that rises linearly with depth. */
  private static final double[] STAIRCASE = new double[16];

  static {
    for (int k = 0; k < 16; k++) {
      STAIRCASE[k] = k + 1;
    }
  }

  private static Cli.Result project(String from, String to, String coeffs, String... extra) {
    String[] args = {"basis", "project", "--from", from, "--to", to, "--coeffs", coeffs};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return Cli.run(all);
  }

  @Test
  void printsOneJsonObjectWithTheDocumentedKeys() {
    JsonNode json = project("piecewise_constant:16", "legendre:3", Cli.csv(STAIRCASE)).success();
    assertThat(Cli.keys(json))
        .containsExactly("from", "to", "method", "coeffs", "l2_error", "relative_l2_error");
    assertThat(json.get("from").asText()).isEqualTo("piecewise_constant:16");
    assertThat(json.get("to").asText()).isEqualTo("legendre:3");
    assertThat(json.get("method").asText()).isEqualTo("projection");
    assertThat(Cli.doubles(json.get("coeffs"))).hasSize(3);
    assertThat(json.get("l2_error").isNumber()).isTrue();
    assertThat(json.get("relative_l2_error").isNumber()).isTrue();
  }

  @Test
  void specsAreEchoedInCanonicalForm() {
    JsonNode json = project(" PIECEWISE_Constant:2 ", "Legendre:1", "1,3").success();
    assertThat(json.get("from").asText()).isEqualTo("piecewise_constant:2");
    assertThat(json.get("to").asText()).isEqualTo("legendre:1");
    assertThat(Cli.doubles(json.get("coeffs"))).containsExactly(new double[] {2.0}, within(TOL));
  }

  /** Independent fact: L2 projection pc:2M → pc:M averages each pair of cells. */
  @Test
  void pc16ToPc8AveragesPairs() {
    double[] c = new Random(7).doubles(16, -5, 5).toArray();
    JsonNode json = project("piecewise_constant:16", "piecewise_constant:8", Cli.csv(c)).success();
    double[] mapped = Cli.doubles(json.get("coeffs"));
    assertThat(mapped).hasSize(8);
    double squaredError = 0.0;
    double squaredNorm = 0.0;
    for (int i = 0; i < 8; i++) {
      double a = c[2 * i];
      double b = c[2 * i + 1];
      assertThat(mapped[i]).isCloseTo((a + b) / 2, within(TOL));
      // each fine cell (width 1/16) is off by |a − b|/2
      squaredError += 2 * ((a - b) / 2) * ((a - b) / 2) / 16;
      squaredNorm += (a * a + b * b) / 16;
    }
    assertThat(json.get("l2_error").doubleValue()).isCloseTo(Math.sqrt(squaredError), within(TOL));
    assertThat(json.get("relative_l2_error").doubleValue())
        .isCloseTo(Math.sqrt(squaredError / squaredNorm), within(TOL));
  }

  /**
   * The staircase cₖ = k + 1 on 16 cells is the line g(t) = 16t + ½ minus a sawtooth s(t) = 16(t −
   * mₖ) on each cell (mₖ the midpoint). By hand: g lies in span(legendre:3); ∫s·P₀ = 0, ∫s·P₁ =
   * ∫s·2t = 2·16²·h³/12 = 1/96 (h = 1/16), ∫s·P₂ = 6∫s·t² − 6∫s·t = 0 (Σmₖ = 8). So the projection
   * is 8.5·P₀ + (8 − 3/96)·P₁ + 0·P₂ and the error² is ‖s‖² − 3·(1/96)² = 1/12 − 1/3072 = 255/3072;
   * ‖θ‖² = Σ(k + 1)²/16 = 93.5.
   */
  @Test
  void pc16ToLegendre3OfALinearStaircaseMatchesTheHandComputation() {
    JsonNode json = project("piecewise_constant:16", "legendre:3", Cli.csv(STAIRCASE)).success();
    assertThat(Cli.doubles(json.get("coeffs")))
        .containsExactly(new double[] {8.5, 8 - 1.0 / 32, 0.0}, within(1e-12));
    double error = Math.sqrt(255.0 / 3072.0);
    // tf-ops forms error² = cᵀM_AA c − 2(Tc)ᵀM_BA c + (Tc)ᵀM_BB Tc, which cancels down from
    // ‖θ‖² = 93.5 to 0.083, so only ~12 digits of the error survive.
    assertThat(json.get("l2_error").doubleValue()).isCloseTo(error, within(1e-12));
    assertThat(json.get("relative_l2_error").doubleValue())
        .isCloseTo(error / Math.sqrt(93.5), within(1e-12));
  }

  @Test
  void numbersArePrintedWithFullDoublePrecision() {
    Basis from = Basis.parse("piecewise_constant:16");
    Basis to = Basis.parse("legendre:3");
    ChangeOfBasis map = Projection.between(from, to);
    double[] expected = map.apply(STAIRCASE);
    L2Error error = map.error(STAIRCASE);
    Cli.Result r = project(from.spec(), to.spec(), Cli.csv(STAIRCASE));
    JsonNode json = r.success();
    // bit-for-bit: the text round-trips to the very doubles the library computed
    assertThat(Cli.doubles(json.get("coeffs"))).containsExactly(expected);
    assertThat(json.get("l2_error").doubleValue()).isEqualTo(error.absolute());
    assertThat(r.out()).contains("\"l2_error\":" + Double.toString(error.absolute()));
  }

  @Test
  void interpolationSamplesTheTargetNodes() {
    double[] c = new Random(3).doubles(16, -1, 1).toArray();
    JsonNode json =
        project(
                "piecewise_constant:16",
                "piecewise_constant:8",
                Cli.csv(c),
                "--method",
                "interpolation")
            .success();
    assertThat(json.get("method").asText()).isEqualTo("interpolation");
    double[] mapped = Cli.doubles(json.get("coeffs"));
    // coarse midpoints (2i + 1)/16 are fine breakpoints, which belong to the cell on their right
    for (int i = 0; i < 8; i++) {
      assertThat(mapped[i]).isEqualTo(c[2 * i + 1]);
    }
  }

  @Test
  void projectingOntoTheSameBasisIsExact() {
    JsonNode json = project("piecewise_linear:4", "piecewise_linear:4", "-1,2,0.5,3").success();
    assertThat(Cli.doubles(json.get("coeffs")))
        .containsExactly(new double[] {-1, 2, 0.5, 3}, within(TOL));
    // not exactly 0: the expanded-Gram error formula has a floor of about sqrt(ε)·‖θ‖
    assertThat(json.get("l2_error").doubleValue()).isCloseTo(0.0, within(1e-7));
  }

  @Test
  void zeroCoefficientsHaveZeroRelativeError() {
    JsonNode json = project("legendre:2", "piecewise_constant:2", "0,0").success();
    assertThat(json.get("relative_l2_error").doubleValue()).isEqualTo(0.0);
  }

  static Stream<Arguments> badInputs() {
    String pc16 = Cli.csv(STAIRCASE);
    return Stream.of(
        Arguments.of(
            new String[] {"--from", "spline:16", "--to", "legendre:3", "--coeffs", pc16},
            "found 'spline'"),
        Arguments.of(
            new String[] {"--from", "piecewise_constant:16", "--to", "wavelet:3", "--coeffs", pc16},
            "--to: "),
        Arguments.of(
            new String[] {"--from", "piecewise_constant:0", "--to", "legendre:3", "--coeffs", "1"},
            "K >= 1, found K = 0"),
        Arguments.of(
            new String[] {
              "--from", "piecewise_constant:16", "--to", "legendre:-2", "--coeffs", pc16
            },
            "found K = -2"),
        Arguments.of(
            new String[] {
              "--from", "piecewise_linear:3", "--to", "legendre:3", "--coeffs", "1,2,3"
            },
            "even K >= 2, found K = 3"),
        Arguments.of(
            new String[] {
              "--from", "piecewise_constant:16", "--to", "piecewise_linear:5", "--coeffs", pc16
            },
            "--to: piecewise_linear: expected an even K"),
        Arguments.of(
            new String[] {"--from", "legendre:x", "--to", "legendre:3", "--coeffs", "1"},
            "found 'x'"),
        Arguments.of(
            new String[] {"--from", "legendre", "--to", "legendre:3", "--coeffs", "1"},
            "expected family:K"),
        Arguments.of(
            new String[] {
              "--from", "piecewise_constant:16", "--to", "legendre:3", "--coeffs", "1,2,3"
            },
            "--coeffs: expected 16 numbers for piecewise_constant:16, found 3"),
        Arguments.of(
            new String[] {"--from", "legendre:2", "--to", "legendre:3", "--coeffs", "1,x"},
            "found 'x' at position 2"),
        Arguments.of(
            new String[] {"--from", "legendre:2", "--to", "legendre:3", "--coeffs", "1,,2"},
            "empty entry at position 2"),
        Arguments.of(
            new String[] {"--from", "legendre:2", "--to", "legendre:3", "--coeffs", "NaN,1"},
            "found 'NaN'"),
        Arguments.of(
            new String[] {
              "--from", "legendre:2", "--to", "legendre:3", "--coeffs", "1,2", "--method", "spline"
            },
            "--method: expected projection or interpolation, found 'spline'"),
        Arguments.of(
            new String[] {"--from", "legendre:2", "--to", "legendre:3"}, "--coeffs: expected"),
        Arguments.of(
            new String[] {"--from", "legendre:2", "--to", "legendre:3", "--coeffs"},
            "--coeffs: expected"));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputIsOneErrorLineWithExit2(String[] options, String fragment) {
    String[] args = new String[options.length + 2];
    args[0] = "basis";
    args[1] = "project";
    System.arraycopy(options, 0, args, 2, options.length);
    assertThat(Cli.run(args).usageError()).contains(fragment);
  }
}
