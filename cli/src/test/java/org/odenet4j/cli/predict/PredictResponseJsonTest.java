package org.odenet4j.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;

/** The response JSON: numbers that read back exactly, in as few digits as possible. */
class PredictResponseJsonTest {

  /** Significant digits of a decimal in Float.toString's layout. */
  static int digits(String s) {
    String mantissa = s.replaceFirst("^-", "").replaceFirst("E.*$", "").replace(".", "");
    mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
    return Math.max(1, mantissa.length());
  }

  /**
   * Every finite float32 (random bit patterns) prints as a decimal that reads back as the same
   * float, through Float.parseFloat and through JSON (Jackson) as a double cast to float, with no
   * more digits than the JDK's own Float.toString.
   */
  @Test
  void floatsReadBackExactlyInTheFewestDigits() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 100_000; i++) {
      float f = Float.intBitsToFloat(r.nextInt());
      if (!Float.isFinite(f)) {
        continue;
      }
      String s = ResponseJson.shortest(f);
      assertThat(Float.parseFloat(s)).as(s).isEqualTo(f);
      assertThat((float) json.readTree(s).doubleValue()).as(s).isEqualTo(f);
      assertThat(digits(s))
          .as("%s vs %s", s, Float.toString(f))
          .isLessThanOrEqualTo(digits(Float.toString(f)));
      double d = Double.longBitsToDouble(r.nextLong());
      if (Double.isFinite(d)) {
        String t = ResponseJson.shortest(d);
        assertThat(Double.parseDouble(t)).as(t).isEqualTo(d);
        assertThat(digits(t)).isLessThanOrEqualTo(digits(Double.toString(d)));
      }
    }
  }

  /** Float.toString's layout: plain from 10⁻³ up to 10⁷, else scientific; NaN as TF Serving. */
  @Test
  void layoutIsFloatToStrings() {
    assertThat(ResponseJson.shortest(0.1f)).isEqualTo("0.1");
    assertThat(ResponseJson.shortest(3f)).isEqualTo("3.0");
    assertThat(ResponseJson.shortest(-2.5f)).isEqualTo("-2.5");
    assertThat(ResponseJson.shortest(0.001f)).isEqualTo("0.001");
    assertThat(ResponseJson.shortest(1.0E-5f)).isEqualTo("1.0E-5");
    assertThat(ResponseJson.shortest(9999999f)).isEqualTo("9999999.0");
    assertThat(ResponseJson.shortest(1.0E7f)).isEqualTo("1.0E7");
    assertThat(ResponseJson.shortest(1.25E10f)).isEqualTo("1.25E10");
    assertThat(ResponseJson.shortest(Float.MIN_VALUE)).isEqualTo("1.4E-45");
    assertThat(ResponseJson.shortest(Float.MAX_VALUE)).isEqualTo("3.4028235E38");
    assertThat(ResponseJson.shortest(-0f)).isEqualTo("-0.0");
    assertThat(ResponseJson.shortest(Float.NaN)).isEqualTo("NaN");
    assertThat(ResponseJson.shortest(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(ResponseJson.shortest(0.1)).isEqualTo("0.1");
    assertThat(ResponseJson.shortest(Double.MIN_VALUE)).isEqualTo("4.9E-324");
    assertThat(ResponseJson.shortest(2e-3)).isEqualTo("0.002");
  }

  /**
   * One output: the bare value per row; several: an object per row in the map's order; strings as
   * text, b64 when not UTF-8 or named *_bytes.
   */
  @Test
  void rowsAndColumns() {
    HostArray ids = new HostArray(DataType.DT_INT64, new long[] {2}, new long[] {7, -1});
    HostArray text =
        new HostArray(
            DataType.DT_STRING,
            new long[] {2, 1},
            new byte[][] {
              "a\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), {(byte) 0xc3}
            });
    assertThat(ResponseJson.predictions(Map.of("ids", ids), 2, "s"))
        .isEqualTo("{\"predictions\":[7,-1]}");
    Map<String, HostArray> both = new LinkedHashMap<>();
    both.put("ids", ids);
    both.put("text", text);
    assertThat(ResponseJson.predictions(both, 2, "s"))
        .isEqualTo(
            "{\"predictions\":[{\"ids\":7,\"text\":[\"a\\\"\\n\"]},{\"ids\":-1,\"text\":[{\"b64\":\"ww==\"}]}]}");
    assertThat(ResponseJson.outputs(Map.of("text_bytes", text)))
        .isEqualTo("{\"outputs\":[[{\"b64\":\"YSIK\"}],[{\"b64\":\"ww==\"}]]}");
  }
}
