package org.odenet4j.cli.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odenet4j.cli.Cli;

class BasisMatrixCommandTest {
  private static double[][] matrix(JsonNode json) {
    JsonNode rows = json.get("matrix");
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = Cli.doubles(rows.get(i));
    }
    return m;
  }

  @Test
  void printsRowsColsAndAnMByKMatrix() {
    JsonNode json =
        Cli.run("basis", "matrix", "--from", "piecewise_constant:16", "--to", "legendre:3")
            .success();
    assertThat(Cli.keys(json)).containsExactly("from", "to", "method", "rows", "cols", "matrix");
    assertThat(json.get("rows").asInt()).isEqualTo(3);
    assertThat(json.get("cols").asInt()).isEqualTo(16);
    double[][] m = matrix(json);
    assertThat(m).hasNumberOfRows(3);
    for (double[] row : m) {
      assertThat(row).hasSize(16);
    }
  }

  @Test
  void pc16ToPc8AveragesPairs() {
    double[][] m =
        matrix(
            Cli.run(
                    "basis",
                    "matrix",
                    "--from",
                    "piecewise_constant:16",
                    "--to",
                    "piecewise_constant:8")
                .success());
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(m[i][j]).isCloseTo(j / 2 == i ? 0.5 : 0.0, within(1e-12));
      }
    }
  }

  /**
   * {@code odenet basis matrix} prints exactly the matrix {@code odenet compress} applies (one
   * change-of-basis operator): bit for bit, for a diagonal-mass target (pc:16 → pc:8, weights
   * exactly ½), a solved one (pc:16 → legendre:3), the same basis (exactly the identity) and
   * interpolation.
   */
  @ParameterizedTest
  @CsvSource({
    "piecewise_constant:16, piecewise_constant:8, projection",
    "piecewise_constant:16, legendre:3, projection",
    "fem_linear:5, fem_linear:5, projection",
    "legendre:4, piecewise_linear:4, interpolation"
  })
  void printsBitForBitWhatCompressApplies(String from, String to, String method) {
    double[][] printed =
        matrix(
            Cli.run("basis", "matrix", "--from", from, "--to", to, "--method", method).success());
    double[][] applied =
        org.odenet4j.compression.Method.parse(method)
            .between(org.odenet4j.basis.Basis.parse(from), org.odenet4j.basis.Basis.parse(to))
            .matrix();
    assertThat(printed).isDeepEqualTo(applied);
    if (from.equals("piecewise_constant:16") && to.equals("piecewise_constant:8")) {
      assertThat(printed[3][7]).isEqualTo(0.5);
    }
    if (from.equals(to)) {
      for (int i = 0; i < printed.length; i++) {
        for (int j = 0; j < printed.length; j++) {
          assertThat(printed[i][j]).isEqualTo(i == j ? 1.0 : 0.0);
        }
      }
    }
  }

  @Test
  void legendreProjectionIsTruncation() {
    double[][] m =
        matrix(Cli.run("basis", "matrix", "--from", "legendre:5", "--to", "legendre:3").success());
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        assertThat(m[i][j]).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
      }
    }
  }

  @Test
  void interpolationPicksTheCellRightOfEachCoarseMidpoint() {
    JsonNode json =
        Cli.run(
                "basis",
                "matrix",
                "--from",
                "piecewise_constant:16",
                "--to",
                "piecewise_constant:8",
                "--method",
                "interpolation")
            .success();
    assertThat(json.get("method").asText()).isEqualTo("interpolation");
    double[][] m = matrix(json);
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(m[i][j]).isEqualTo(j == 2 * i + 1 ? 1.0 : 0.0);
      }
    }
  }

  @Test
  void agreesWithProject() {
    double[] c = new Random(11).doubles(6, -3, 3).toArray();
    double[][] m =
        matrix(
            Cli.run("basis", "matrix", "--from", "fem_linear:6", "--to", "piecewise_linear:4")
                .success());
    double[] projected =
        Cli.doubles(
            Cli.run(
                    "basis",
                    "project",
                    "--from",
                    "fem_linear:6",
                    "--to",
                    "piecewise_linear:4",
                    "--coeffs",
                    Cli.csv(c))
                .success()
                .get("coeffs"));
    for (int i = 0; i < m.length; i++) {
      double sum = 0;
      for (int j = 0; j < c.length; j++) {
        sum += m[i][j] * c[j];
      }
      assertThat(projected[i]).isCloseTo(sum, within(1e-12));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bezier:4            | legendre:2         | projection    | found 'bezier'",
        "legendre:4          | piecewise_linear:1 | projection    | --to: piecewise_linear: expected an even K >= 2, found K = 1",
        "piecewise_constant:0| legendre:2         | projection    | --from: piecewise_constant: expected K >= 1, found K = 0",
        "legendre:4          | legendre:2         | least_squares | --method: expected projection or interpolation, found 'least_squares'",
      })
  void badInputIsOneErrorLineWithExit2(String from, String to, String method, String fragment) {
    assertThat(
            Cli.run("basis", "matrix", "--from", from, "--to", to, "--method", method).usageError())
        .contains(fragment);
  }

  @Test
  void missingTargetIsAUsageError() {
    assertThat(Cli.run("basis", "matrix", "--from", "legendre:4").usageError())
        .contains("--to: expected G:M, found nothing");
  }
}
