package org.odenet4j.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded mutations of valid inputs. Everything an input is made of comes from the one {@link
 * SplittableRandom} it is given, so (seed, target, index) reproduces an input exactly.
 *
 * <p>Byte mutations (all formats): bit flips, interesting bytes, insertion, deletion and
 * duplication of ranges, truncation, splicing with another seed, non-UTF-8 and odd Unicode
 * (line/paragraph separators, NEL, BOM, NUL, a lone CR), very long tokens, and for text whole lines
 * deleted, duplicated, swapped or taken from another seed. Text numbers are replaced with extremes
 * (0, -1, 2^31, 2^63, 1e309, NaN, ...); for {@link Format#IDX} the big-endian header integers are,
 * and gzip input is mutated inside the stream as often as outside it. For {@link Format#JSON}:
 * values deleted, duplicated (also as duplicate keys), swapped between places, replaced with other
 * types and extreme or non-standard number tokens, deep nesting.
 */
final class Mutator {

  /** How an input is structured, which decides the mutations that make sense for it. */
  enum Format {
    TEXT,
    JSON,
    IDX
  }

  /** Reads and writes deeper nesting than the parsers under test accept (1000 levels). */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(
                  com.fasterxml.jackson.core.StreamReadConstraints.builder()
                      .maxNestingDepth(4000)
                      .build())
              .streamWriteConstraints(
                  com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                      .maxNestingDepth(4000)
                      .build())
              .build());

  private static final String[] NUMBERS = {
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "3",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999999999",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.5",
    "0.0",
    "1e2",
    "0x10",
    "01",
    "+4",
    "1_000",
    "\u0663",
    "4294967295"
  };

  private static final int[] INTS = {
    0,
    1,
    -1,
    2,
    28,
    255,
    256,
    65535,
    65536,
    46341,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Integer.MAX_VALUE - 8,
    0x7fff_fff7,
    0x0000_0801,
    0x0000_0803,
    0x0800_0000,
    0x4000_0000,
    1 << 20
  };

  private static final byte[][] ODD_BYTES = {
    {(byte) 0xc3},
    {(byte) 0xff},
    {(byte) 0x80},
    {(byte) 0xc0, (byte) 0x80},
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
    {0},
    "\u2028".getBytes(StandardCharsets.UTF_8),
    "\u2029".getBytes(StandardCharsets.UTF_8),
    "\u0085".getBytes(StandardCharsets.UTF_8),
    "\u00a0".getBytes(StandardCharsets.UTF_8),
    "\u2003".getBytes(StandardCharsets.UTF_8),
    "\uffff".getBytes(StandardCharsets.UTF_8),
    {'\r'},
    {'\n'},
    {'\t'},
    {'\r', '\n'},
    {0x0b},
    {0x0c},
    {0x1c},
    "\u0130".getBytes(StandardCharsets.UTF_8),
    "\u212a".getBytes(StandardCharsets.UTF_8),
    "\ud83d\ude00".getBytes(StandardCharsets.UTF_8)
  };

  private static final byte[] PUNCTUATION =
      "/:=\t \n\r{}[],\"#-.x0123456789_e+\\".getBytes(StandardCharsets.US_ASCII);

  private static final String[] RAW_JSON = {
    "null",
    "true",
    "false",
    "0",
    "-1",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "-Infinity",
    "1.5",
    "\"\"",
    "\"NaN\"",
    "\"1e309\"",
    "\"2147483648\"",
    "[]",
    "{}",
    "[null]",
    "{\"kind\":\"image\"}",
    "\"\\n\"",
    "\"a\\u0000b\"",
    "\"line\\nbreak\"",
    "01",
    "1.",
    ".5",
    "0x1f"
  };

  private final SplittableRandom rnd;
  private final List<byte[]> pool;
  private final Format format;
  private final int maxLength;

  Mutator(SplittableRandom rnd, List<byte[]> pool, Format format, int maxLength) {
    this.rnd = rnd;
    this.pool = pool;
    this.format = format;
    this.maxLength = maxLength;
  }

  /** A seed from the pool with 1–4 stacked mutations. */
  byte[] next() {
    byte[] data = pool.get(rnd.nextInt(pool.size()));
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      data = once(data);
      if (data.length > maxLength) {
        data = java.util.Arrays.copyOf(data, maxLength);
      }
    }
    return data;
  }

  private byte[] once(byte[] data) {
    if (format == Format.JSON && rnd.nextInt(10) < 6) {
      byte[] out = json(data);
      if (out != null) {
        return out;
      }
    }
    if (format == Format.IDX && rnd.nextInt(10) < 5 && isGzip(data)) {
      byte[] inner = gunzip(data);
      if (inner != null) {
        return gzip(idxOrBytes(inner));
      }
    }
    return format == Format.IDX ? idxOrBytes(data) : bytes(data);
  }

  private byte[] idxOrBytes(byte[] data) {
    if (rnd.nextInt(10) < 4 && data.length >= 4) {
      return replaceInt(data);
    }
    return bytes(data);
  }

  // ---- byte level ----

  private byte[] bytes(byte[] data) {
    if (format != Format.IDX && rnd.nextInt(6) == 0) {
      return lines(data);
    }
    switch (rnd.nextInt(12)) {
      case 0:
        return flipBits(data);
      case 1:
        return setByte(data);
      case 2:
        return insert(data, randomBytes(1 + rnd.nextInt(16)));
      case 3:
        return deleteRange(data);
      case 4:
        return duplicateRange(data);
      case 5:
        return data.length == 0 ? data : java.util.Arrays.copyOf(data, rnd.nextInt(data.length));
      case 6:
        return splice(data);
      case 7:
        return replaceNumber(data);
      case 8:
        return insert(data, ODD_BYTES[rnd.nextInt(ODD_BYTES.length)]);
      case 9:
        return insert(data, longToken());
      case 10:
        return insert(data, new byte[] {PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]});
      default:
        return replaceNumber(data);
    }
  }

  /**
   * Deletes, duplicates or swaps whole lines, or takes one from another seed (keeps each line
   * intact).
   */
  private byte[] lines(byte[] data) {
    List<byte[]> lines = splitLines(data);
    int i = rnd.nextInt(lines.size());
    switch (rnd.nextInt(4)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(i));
      case 2 -> {
        int j = rnd.nextInt(lines.size());
        byte[] t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      default -> {
        List<byte[]> other = splitLines(pool.get(rnd.nextInt(pool.size())));
        lines.add(i, other.get(rnd.nextInt(other.size())));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
    for (int k = 0; k < lines.size(); k++) {
      if (k > 0) {
        out.write('\n');
      }
      out.writeBytes(lines.get(k));
    }
    return out.toByteArray();
  }

  private static List<byte[]> splitLines(byte[] data) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == '\n') {
        lines.add(slice(data, start, i));
        start = i + 1;
      }
    }
    return lines;
  }

  private byte[] flipBits(byte[] data) {
    if (data.length == 0) {
      return data;
    }
    byte[] out = data.clone();
    int n = 1 + rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      int at = rnd.nextInt(out.length);
      out[at] ^= (byte) (1 << rnd.nextInt(8));
    }
    return out;
  }

  private byte[] setByte(byte[] data) {
    if (data.length == 0) {
      return data;
    }
    byte[] out = data.clone();
    out[rnd.nextInt(out.length)] =
        rnd.nextBoolean() ? PUNCTUATION[rnd.nextInt(PUNCTUATION.length)] : (byte) rnd.nextInt(256);
    return out;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] =
          rnd.nextBoolean()
              ? PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]
              : (byte) rnd.nextInt(256);
    }
    return b;
  }

  private byte[] insert(byte[] data, byte[] what) {
    int at = rnd.nextInt(data.length + 1);
    return concat(slice(data, 0, at), what, slice(data, at, data.length));
  }

  private byte[] deleteRange(byte[] data) {
    if (data.length == 0) {
      return data;
    }
    int from = rnd.nextInt(data.length);
    int to =
        Math.min(
            data.length,
            from + 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : Math.max(1, data.length - from)));
    return concat(slice(data, 0, from), slice(data, to, data.length));
  }

  private byte[] duplicateRange(byte[] data) {
    if (data.length == 0) {
      return data;
    }
    int from = rnd.nextInt(data.length);
    int to =
        Math.min(
            data.length, from + 1 + rnd.nextInt(Math.max(1, Math.min(256, data.length - from))));
    byte[] range = slice(data, from, to);
    int copies = rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(50) : 1;
    byte[] rep = new byte[range.length * copies];
    for (int c = 0; c < copies; c++) {
      System.arraycopy(range, 0, rep, c * range.length, range.length);
    }
    int at = rnd.nextBoolean() ? to : rnd.nextInt(data.length + 1);
    return concat(slice(data, 0, at), rep, slice(data, at, data.length));
  }

  /** A prefix of this input and a suffix of another seed. */
  private byte[] splice(byte[] data) {
    byte[] other = pool.get(rnd.nextInt(pool.size()));
    int a = rnd.nextInt(data.length + 1);
    int b = rnd.nextInt(other.length + 1);
    return concat(slice(data, 0, a), slice(other, b, other.length));
  }

  private byte[] longToken() {
    int n = 256 << rnd.nextInt(8); // 256 .. 32 Ki
    byte[] b = new byte[n];
    byte fill = rnd.nextBoolean() ? (byte) 'a' : PUNCTUATION[rnd.nextInt(PUNCTUATION.length)];
    java.util.Arrays.fill(b, fill);
    return b;
  }

  /** Replaces one run of ASCII digits (with sign, point, exponent) with an extreme number. */
  private byte[] replaceNumber(byte[] data) {
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      if (data[i] >= '0' && data[i] <= '9') {
        int start = i > 0 && data[i - 1] == '-' ? i - 1 : i;
        int end = i;
        while (end < data.length
            && ((data[end] >= '0' && data[end] <= '9')
                || data[end] == '.'
                || data[end] == 'e'
                || data[end] == 'E')) {
          end++;
        }
        runs.add(new int[] {start, end});
        i = end;
      }
    }
    if (runs.isEmpty()) {
      return insert(data, NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8));
    }
    int[] run = runs.get(rnd.nextInt(runs.size()));
    return concat(
        slice(data, 0, run[0]),
        NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8),
        slice(data, run[1], data.length));
  }

  /** Overwrites a big-endian int, usually one of the header's (magic, count, rows, columns). */
  private byte[] replaceInt(byte[] data) {
    int slots = data.length / 4;
    int slot = rnd.nextInt(4) != 0 ? rnd.nextInt(Math.min(4, slots)) : rnd.nextInt(slots);
    int v = rnd.nextInt(4) == 0 ? rnd.nextInt() : INTS[rnd.nextInt(INTS.length)];
    byte[] out = data.clone();
    int at = slot * 4;
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return out;
  }

  // ---- JSON ----

  /**
   * A structural mutation, or null when {@code data} is not JSON (then a byte mutation is used).
   */
  private byte[] json(byte[] data) {
    JsonNode root;
    try {
      root = JSON.readTree(data);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isContainerNode()) {
      return null;
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(rnd.nextInt(containers.size()));
    Map<String, String> raw = new java.util.LinkedHashMap<>();
    switch (rnd.nextInt(8)) {
      case 0 -> delete(target);
      case 1 -> duplicateKey(target, raw);
      case 2 -> setChild(target, rawValue(raw, RAW_JSON[rnd.nextInt(RAW_JSON.length)]));
      case 3 -> setChild(target, randomNodeFrom(root).deepCopy()); // swap in a value from elsewhere
      case 4 -> setChild(target, retype(child(target)));
      case 5 -> setChild(target, deep(1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 1500)));
      case 6 -> setChild(target, TextNode.valueOf("x".repeat(1 + rnd.nextInt(5000))));
      default -> swap(root, containers);
    }
    String text;
    try {
      text =
          rnd.nextBoolean()
              ? JSON.writeValueAsString(root)
              : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> e : raw.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (JsonNode child : node) {
        collect(child, out);
      }
    }
  }

  private JsonNode randomNodeFrom(JsonNode root) {
    List<JsonNode> all = new ArrayList<>();
    collectAll(root, all);
    return all.get(rnd.nextInt(all.size()));
  }

  private static void collectAll(JsonNode node, List<JsonNode> out) {
    out.add(node);
    for (JsonNode child : node) {
      collectAll(child, out);
    }
  }

  /** A placeholder text node that is replaced by {@code token} verbatim after serialising. */
  private TextNode rawValue(Map<String, String> raw, String token) {
    String key = "zzRAW" + raw.size() + "zz";
    raw.put("\"" + key + "\"", token);
    return TextNode.valueOf(key);
  }

  private void delete(JsonNode container) {
    if (container instanceof ObjectNode o && o.size() > 0) {
      o.remove(fieldNames(o).get(rnd.nextInt(o.size())));
    } else if (container instanceof ArrayNode a && a.size() > 0) {
      a.remove(rnd.nextInt(a.size()));
    }
  }

  /** The same key twice (last-wins or not is the parser's business), or an array element twice. */
  private void duplicateKey(JsonNode container, Map<String, String> raw) {
    if (container instanceof ObjectNode o && o.size() > 0) {
      String name = fieldNames(o).get(rnd.nextInt(o.size()));
      String placeholder = "zzDUP" + raw.size() + "zz";
      JsonNode value = rnd.nextBoolean() ? o.get(name).deepCopy() : retype(o.get(name));
      o.set(placeholder, value);
      try {
        raw.put("\"" + placeholder + "\"", JSON.writeValueAsString(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (container instanceof ArrayNode a && a.size() > 0) {
      int i = rnd.nextInt(a.size());
      a.insert(i, a.get(i).deepCopy());
    }
  }

  private JsonNode child(JsonNode container) {
    if (container.size() == 0) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (container instanceof ObjectNode o) {
      return o.get(fieldNames(o).get(rnd.nextInt(o.size())));
    }
    return container.get(rnd.nextInt(container.size()));
  }

  /** Replaces a random child of {@code container} (or adds one to an empty container). */
  private void setChild(JsonNode container, JsonNode value) {
    if (container instanceof ObjectNode o) {
      if (o.size() == 0 || rnd.nextInt(8) == 0) {
        o.set(rnd.nextBoolean() ? "kind" : "extra_" + rnd.nextInt(3), value);
      } else {
        o.set(fieldNames(o).get(rnd.nextInt(o.size())), value);
      }
    } else if (container instanceof ArrayNode a) {
      if (a.size() == 0 || rnd.nextInt(8) == 0) {
        a.add(value);
      } else {
        a.set(rnd.nextInt(a.size()), value);
      }
    }
  }

  /** The same content as another type: number as string, string as number, object as array, etc. */
  private JsonNode retype(JsonNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isNumber()) {
      return rnd.nextBoolean() ? f.textNode(node.asText()) : f.arrayNode().add(node);
    }
    if (node.isTextual()) {
      String s = node.asText();
      return switch (rnd.nextInt(4)) {
        case 0 -> f.numberNode(s.length());
        case 1 -> f.textNode(s.toUpperCase(java.util.Locale.ROOT));
        case 2 -> f.arrayNode().add(s);
        default -> f.textNode(" " + s + "\n");
      };
    }
    if (node.isObject()) {
      ArrayNode a = f.arrayNode();
      node.forEach(a::add);
      return a;
    }
    if (node.isArray()) {
      return node.size() > 0 ? node.get(0) : f.objectNode();
    }
    if (node.isBoolean()) {
      return f.textNode(node.asText());
    }
    return f.booleanNode(rnd.nextBoolean());
  }

  private static JsonNode deep(int depth) {
    JsonNode n = JsonNodeFactory.instance.numberNode(1);
    for (int i = 0; i < depth; i++) {
      n =
          i % 2 == 0
              ? JsonNodeFactory.instance.arrayNode().add(n)
              : JsonNodeFactory.instance.objectNode().set("a", n);
    }
    return n;
  }

  /** Exchanges two values of the document (possibly of different types). */
  private void swap(JsonNode root, List<JsonNode> containers) {
    JsonNode a = containers.get(rnd.nextInt(containers.size()));
    JsonNode b = containers.get(rnd.nextInt(containers.size()));
    if (a.size() == 0 || b.size() == 0) {
      return;
    }
    JsonNode va = child(a).deepCopy();
    JsonNode vb = child(b).deepCopy();
    setChild(a, vb);
    setChild(b, va);
  }

  private static List<String> fieldNames(ObjectNode o) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  // ---- helpers ----

  static boolean isGzip(byte[] data) {
    return data.length >= 2 && data[0] == (byte) 0x1f && data[1] == (byte) 0x8b;
  }

  /** The decompressed bytes, or null if {@code data} is not a complete gzip stream. */
  static byte[] gunzip(byte[] data) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readNBytes(1 << 20);
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return java.util.Arrays.copyOfRange(data, from, to);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
