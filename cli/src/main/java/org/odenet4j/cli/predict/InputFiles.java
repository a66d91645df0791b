package org.odenet4j.cli.predict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The files {@code predict} reads: whole files or stdin ({@code -}), strict UTF-8 text split into
 * sentences, and encoded images recognised by their first bytes. Problems are {@link
 * IllegalArgumentException}s naming the file, the field, what was expected and what was found.
 */
final class InputFiles {
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

  private InputFiles() {}

  /** The name of a file argument in messages: the path as given, or {@code stdin} for {@code -}. */
  static String name(String file) {
    return file.equals("-") ? "stdin" : file;
  }

  /** The whole file, or all of {@code stdin} for {@code -} (a file named so when stdin is null). */
  static byte[] read(String file, InputStream stdin) {
    try {
      if (file.equals("-") && stdin != null) {
        return stdin.readAllBytes();
      }
      Path p = Path.of(file);
      if (Files.isDirectory(p)) {
        throw new IllegalArgumentException(
            file + ": file: expected a regular file, found a directory");
      }
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          file + ": file: expected an existing file, found no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          file + ": file: expected a readable file, found permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException(name(file) + ": cannot read", e);
    }
  }

  /**
   * A sentence of a text file.
   *
   * @param line its line number, from 1
   * @param words its words, at least one
   */
  record Sentence(int line, List<String> words) {
    Sentence {
      words = List.copyOf(words);
    }
  }

  /**
   * The sentences of a text: one per line, words split on whitespace (Unicode's), blank lines
   * skipped.
   *
   * @throws IllegalArgumentException when the bytes are not UTF-8 (naming the line and offset)
   */
  static List<Sentence> sentences(byte[] bytes, String name) {
    List<Sentence> out = new ArrayList<>();
    String[] lines = LINE_BREAK.split(utf8(bytes, name), -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> words = new ArrayList<>();
      for (String w : WHITESPACE.split(lines[i])) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
      if (!words.isEmpty()) {
        out.add(new Sentence(i + 1, words));
      }
    }
    return out;
  }

  /** Strict UTF-8; a byte sequence that is not UTF-8 is reported with its line and offset. */
  static String utf8(byte[] bytes, String name) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      decoder.flush(out);
      return out.flip().toString();
    }
    int offset = in.position();
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s: line %d: expected UTF-8 text, found the byte 0x%02x at byte offset %d, which is not UTF-8",
            name,
            line,
            bytes[offset] & 0xff,
            offset));
  }

  /** The image format of encoded bytes by their signature, or null: PNG, JPEG, GIF or BMP. */
  static String imageFormat(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
      return "PNG";
    }
    if (starts(b, 0xff, 0xd8, 0xff)) {
      return "JPEG";
    }
    if (starts(b, 'G', 'I', 'F', '8', '7', 'a') || starts(b, 'G', 'I', 'F', '8', '9', 'a')) {
      return "GIF";
    }
    if (starts(b, 'B', 'M')) {
      return "BMP";
    }
    return null;
  }

  /**
   * An encoded image file's bytes.
   *
   * @throws IllegalArgumentException when the file is missing or not PNG, JPEG, GIF or BMP
   */
  static byte[] image(String file) {
    byte[] bytes = read(file, null);
    if (imageFormat(bytes) == null) {
      StringBuilder found = new StringBuilder();
      if (bytes.length == 0) {
        found.append("an empty file");
      } else {
        found.append("a file starting");
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
          found.append(String.format(Locale.ROOT, " %02x", bytes[i] & 0xff));
        }
      }
      throw new IllegalArgumentException(
          file + ": image: expected a PNG, JPEG, GIF or BMP file, found " + found);
    }
    return bytes;
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
