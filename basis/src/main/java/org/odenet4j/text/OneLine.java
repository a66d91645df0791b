package org.odenet4j.text;

/**
 * Input text as it is echoed in an error message ({@code ..., found '<text>'}): line breaks are
 * escaped, so the message stays one line whatever the input holds. A CLI argument, a JSON string or
 * a data file's line may contain them; printed raw, they split the one-line error in two or, for a
 * lone CR, overwrite its start on a terminal.
 */
public final class OneLine {
  private OneLine() {}

  /**
   * {@code String.valueOf(value)} with LF, CR, NEL, LS and PS (the line breaks of {@code \R})
   * written as {@code \n}, {@code \r}, {@code \u0085}, {@code \u2028} and {@code \u2029};
   * everything else, tabs included, is kept.
   */
  public static String of(Object value) {
    String text = String.valueOf(value);
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\u0085' -> "\\u0085";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
          };
      if (escaped != null && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (escaped != null) {
          sb.append(escaped);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }
}
