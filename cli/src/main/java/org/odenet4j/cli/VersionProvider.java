package org.odenet4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code odenet --version}: the project version, filled in by Maven resource filtering. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {
      "odenet " + p.getProperty("version", "unknown"),
      "TensorFlow Java "
          + p.getProperty("tensorflow", "unknown")
          + ", Java "
          + System.getProperty("java.version")
    };
  }
}
