package org.odenet4j.cli.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odenet4j.cli.Cli;

class BasisEvalCommandTest {
  private static JsonNode eval(String basis, String coeffs, String at) {
    return Cli.run("basis", "eval", "--basis", basis, "--coeffs", coeffs, "--at", at).success();
  }

  @Test
  void printsBasisDepthsAndValues() {
    JsonNode json = eval("piecewise_constant:2", "3,4", "0.25,0.75");
    assertThat(Cli.keys(json)).containsExactly("basis", "at", "values");
    assertThat(json.get("basis").asText()).isEqualTo("piecewise_constant:2");
    assertThat(Cli.doubles(json.get("at"))).containsExactly(0.25, 0.75);
    assertThat(Cli.doubles(json.get("values"))).containsExactly(3.0, 4.0);
  }

  @Test
  void piecewiseConstantBreakpointsBelongToTheCellOnTheirRight() {
    JsonNode json = eval("piecewise_constant:4", "10,20,30,40", "0,0.25,0.5,0.74,1");
    assertThat(Cli.doubles(json.get("values"))).containsExactly(10, 20, 30, 30, 40);
  }

  @Test
  void legendreMatchesTheClosedForms() {
    double a = 0.5;
    double b = -2;
    double c = 3;
    double[] t = {0, 0.1, 0.5, 0.9, 1};
    double[] values = Cli.doubles(eval("legendre:3", Cli.csv(a, b, c), Cli.csv(t)).get("values"));
    for (int i = 0; i < t.length; i++) {
      double x = 2 * t[i] - 1;
      assertThat(values[i]).isCloseTo(a + b * x + c * (3 * x * x - 1) / 2, within(1e-14));
    }
  }

  @Test
  void piecewiseLinearInterpolatesInsideElementsAndJumpsAtTheirEnds() {
    // element 0: 1 → 3, element 1: 10 → 20
    double[] v =
        Cli.doubles(eval("piecewise_linear:4", "1,3,10,20", "0,0.25,0.5,0.75,1").get("values"));
    assertThat(v).containsExactly(new double[] {1, 2, 10, 15, 20}, within(1e-14));
  }

  @Test
  void femLinearIsContinuousThroughItsNodes() {
    double[] v = Cli.doubles(eval("fem_linear:3", "0,4,2", "0,0.25,0.5,0.75,1").get("values"));
    assertThat(v).containsExactly(new double[] {0, 2, 4, 3, 2}, within(1e-14));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "legendre:2 | 1,2   | 1.5     | --at: expected depths t in [0, 1], found 1.5 at position 1",
        "legendre:2 | 1,2   | 0,-0.1  | found -0.1 at position 2",
        "legendre:2 | 1,2   | 0,x     | --at: expected a comma-separated list of numbers, found 'x'",
        "legendre:2 | 1,2,3 | 0.5     | --coeffs: expected 2 numbers for legendre:2, found 3",
        "legendre:2 | 1,y   | 0.5     | --coeffs: expected a comma-separated list of numbers, found 'y'",
        "cubic:2    | 1,2   | 0.5     | --basis: basis family: expected one of",
        "fem_linear:0 | 1   | 0.5     | --basis: fem_linear: expected K >= 1, found K = 0",
      })
  void badInputIsOneErrorLineWithExit2(String basis, String coeffs, String at, String fragment) {
    assertThat(
            Cli.run("basis", "eval", "--basis", basis, "--coeffs", coeffs, "--at", at).usageError())
        .contains(fragment);
  }

  @Test
  void missingDepthsIsAUsageError() {
    assertThat(Cli.run("basis", "eval", "--basis", "legendre:1", "--coeffs", "1").usageError())
        .contains("--at: expected t0,t1,..., found nothing");
  }
}
