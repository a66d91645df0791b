package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {

  @Test
  void messageNamesFileFieldExpectedAndFound() {
    DataFormatException e = new DataFormatException("f.gz", "rows", 28, 0);
    assertThat(e).isInstanceOf(IOException.class);
    assertThat(e.getMessage()).isEqualTo("f.gz: rows: expected 28, found 0");
  }
}
