package org.odenet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opening and reading data files so that every failure the file is to blame for is a {@link
 * DataFormatException} naming the file, the field, what was expected and what was found: a missing
 * file, a directory, an unreadable file, text that is not UTF-8.
 */
final class DataFiles {

  private DataFiles() {}

  /** Opens {@code file} for reading. */
  static InputStream open(Path file) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new DataFormatException(name, "file", "a regular file", "a directory");
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, "file", "an existing file", "no such file");
    } catch (AccessDeniedException e) {
      throw new DataFormatException(name, "file", "a readable file", "permission denied");
    } catch (FileSystemException e) {
      throw new DataFormatException(
          name,
          "file",
          "a readable file",
          e.getReason() == null ? "an unreadable path" : e.getReason());
    }
  }

  /** The whole of {@code file}, decoded as strict UTF-8. */
  static String readUtf8(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = open(file)) {
      bytes = in.readAllBytes();
    }
    return decodeUtf8(bytes, file.toString());
  }

  /**
   * {@code bytes} decoded as strict UTF-8; a byte sequence that is not UTF-8 (a Latin-1 file, say)
   * is reported with its line, byte offset and value.
   */
  static String decodeUtf8(byte[] bytes, String name) throws DataFormatException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // decode again step by step to find where
      ByteBuffer in = ByteBuffer.wrap(bytes);
      CharBuffer out = CharBuffer.allocate(bytes.length + 1);
      decoder.reset();
      CoderResult result = decoder.decode(in, out, true);
      int offset = in.position();
      int length = result.isError() ? Math.max(1, result.length()) : 1;
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      StringBuilder found = new StringBuilder(length == 1 ? "the byte" : "the bytes");
      for (int i = offset; i < Math.min(bytes.length, offset + length); i++) {
        found.append(String.format(Locale.ROOT, " 0x%02x", bytes[i] & 0xff));
      }
      found
          .append(" at byte offset ")
          .append(offset)
          .append(", which is not UTF-8 (convert the file, e.g. iconv -f latin1 -t utf-8)");
      throw new DataFormatException(name, "line " + line, "UTF-8 text", found);
    }
  }
}
