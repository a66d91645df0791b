package org.odenet4j.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesFieldsInOrderWithFullPrecision() throws Exception {
    String json =
        new Json()
            .field("s", "a\"b\\c\n\u0001é")
            .field("n", 3)
            .field("x", 0.1 + 0.2)
            .field("v", new double[] {1.0, -2.5e-300})
            .field("m", new double[][] {{1, 2}, {3, 4}})
            .field("empty", new double[0])
            .toString();
    assertThat(json)
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"n\":3,\"x\":0.30000000000000004,"
                + "\"v\":[1.0,-2.5E-300],\"m\":[[1.0,2.0],[3.0,4.0]],\"empty\":[]}");
    JsonNode node = new ObjectMapper().readTree(json);
    assertThat(node.get("s").asText()).isEqualTo("a\"b\\c\n\u0001é");
    assertThat(node.get("x").doubleValue()).isEqualTo(0.1 + 0.2);
    assertThat(node.get("v").get(1).doubleValue()).isEqualTo(-2.5e-300);
  }

  @Test
  void nonFiniteNumbersBecomeNull() throws Exception {
    String json =
        new Json()
            .field("a", Double.NaN)
            .field("b", new double[] {Double.POSITIVE_INFINITY})
            .toString();
    assertThat(json).isEqualTo("{\"a\":null,\"b\":[null]}");
    new ObjectMapper().readTree(json);
  }

  @Test
  void emptyObject() {
    assertThat(new Json().toString()).isEqualTo("{}");
  }
}
