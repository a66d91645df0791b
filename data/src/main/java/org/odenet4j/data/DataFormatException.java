package org.odenet4j.data;

import java.io.IOException;

/**
 * A data file whose content does not match its format. The message always names the file, the
 * field, what was expected and what was found, e.g. {@code "train-labels-idx1-ubyte.gz: magic
 * number: expected 0x00000801 (IDX labels), found 0x00000803"}.
 */
public final class DataFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Builds the message {@code "<file>: <field>: expected <expected>, found <found>"}. */
  public DataFormatException(String file, String field, Object expected, Object found) {
    super(file + ": " + field + ": expected " + expected + ", found " + found);
  }

  /** A free-form message, which should still name the file. */
  public DataFormatException(String message) {
    super(message);
  }
}
