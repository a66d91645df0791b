package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes a complete staged SavedModel directory as {@code BASE/<version>} by an atomic rename,
 * safely against concurrent publishers into the same BASE (several {@code odenet train --out} or
 * {@code odenet compress} runs, in one JVM or in several processes).
 *
 * <p>Choosing the version and the rename happen under an exclusive lock: a JVM-wide monitor (a
 * {@link FileChannel#lock} is held per JVM, so two threads of one JVM would otherwise get an {@link
 * java.nio.channels.OverlappingFileLockException}) and an OS file lock on {@code
 * BASE/.odenet-publish.lock} (between processes; released by the OS if the process dies). The lock
 * file is hidden and non-numeric, so TensorFlow Serving ignores it; it is never deleted (deleting a
 * lock file races with the next locker).
 *
 * <p>Without an explicit version the version is chosen at publish time, under the lock: one more
 * than the largest existing version. The manifest holds no version number, so a staged model can be
 * published under any version. An explicit version that exists in any form (even as an empty
 * directory, which a plain rename would silently replace) is refused; an existing version is never
 * overwritten.
 */
public final class VersionPublisher {
  /** Name of the lock file in BASE. */
  public static final String LOCK_FILE = ".odenet-publish.lock";

  private static final Object JVM_LOCK = new Object();

  private VersionPublisher() {}

  /**
   * Renames {@code staged} (a directory inside {@code base}) to {@code base/<version>} and returns
   * the version: {@code explicitVersion}, or the next free version if it is null.
   *
   * @throws IllegalArgumentException if the explicit version already exists ({@code staged} is left
   *     in place for the caller to delete)
   * @throws UncheckedIOException if the lock or the rename fails
   */
  public static long publish(Path base, Path staged, Long explicitVersion) {
    if (explicitVersion != null) {
      requireValid(explicitVersion);
    }
    synchronized (JVM_LOCK) {
      Path lockFile = base.resolve(LOCK_FILE);
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        long v = explicitVersion != null ? explicitVersion : Versions.next(base);
        Path target = base.resolve(Long.toString(v));
        if (explicitVersion == null) {
          while (Files.exists(
              target, LinkOption.NOFOLLOW_LINKS)) { // a file or a link named like a version
            target = base.resolve(Long.toString(++v));
          }
        } else {
          requireNew(base, v);
        }
        try {
          Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
          // ENOTEMPTY on Linux is a plain FileSystemException, not DirectoryNotEmptyException
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyExists(target, v, e);
          }
          throw new UncheckedIOException(
              target + ": cannot publish " + staged + ": " + e.getMessage(), e);
        }
        return v;
      } catch (IOException e) {
        throw new UncheckedIOException(
            lockFile + ": cannot lock for publishing: " + e.getMessage(), e);
      }
    }
  }

  /** An explicit version number: an integer ≥ 0; returns it. */
  public static long requireValid(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("version: expected an integer >= 0, found " + v);
    }
    return v;
  }

  /**
   * Fails when version {@code v} cannot be published under {@code base}: negative, or {@code
   * base/v} exists in any form (a version is never overwritten). Commands call it for an explicit
   * version before any work; {@link #publish} checks again under the lock.
   */
  public static void requireNew(Path base, long v) {
    requireValid(v);
    Path target = base.resolve(Long.toString(v));
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw alreadyExists(target, v, null);
    }
  }

  static IllegalArgumentException alreadyExists(Path target, long v, Throwable cause) {
    return new IllegalArgumentException(
        target
            + ": version: expected a new version, found version "
            + v
            + " already exists (not overwritten)",
        cause);
  }
}
