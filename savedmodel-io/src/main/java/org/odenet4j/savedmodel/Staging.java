package org.odenet4j.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A staging directory for atomic publication: a version is written under a hidden, non-numeric name
 * ({@code BASE/.tmp-<label>-<random>}, which TensorFlow Serving ignores) and renamed into place;
 * {@link #close} deletes whatever is still there (nothing after a successful rename).
 *
 * <p>A run that is killed cannot delete its staging directory, so every staging directory has an
 * owner lock file next to it, {@code BASE/.tmp-<label>-<random>.lock}, created before the directory
 * and held with an OS file lock until the directory is gone (the OS releases it when the process
 * dies). {@link #create} first removes the staging directories of dead owners ({@link
 * #cleanStale}): those whose lock file it can lock. A live run's lock cannot be taken, so its
 * directory is never touched, in this process or any other; a {@code .tmp-…} directory without a
 * lock file (not made here) is left alone too.
 */
public final class Staging implements AutoCloseable {
  /** Suffix of a staging directory's owner lock file. */
  public static final String LOCK_SUFFIX = ".lock";

  private static final String PREFIX = ".tmp-";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Lock files of the staging directories this JVM owns. They are never probed from this JVM: POSIX
   * releases all of a process's locks on a file when it closes any descriptor of that file, so a
   * probe's close would drop the owner's lock.
   */
  private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Path lockFile;
  private final FileChannel channel;
  private boolean closed;

  private Staging(Path directory, Path lockFile, FileChannel channel) {
    this.directory = directory;
    this.lockFile = lockFile;
    this.channel = channel;
  }

  /**
   * Removes stale staging directories under {@code base} ({@link #cleanStale}), then creates and
   * owns {@code base/.tmp-<label>-<12 random hex digits>} ({@code base} must exist).
   */
  public static Staging create(Path base, String label) {
    cleanStale(base);
    for (int attempt = 0; ; attempt++) {
      byte[] b = new byte[6];
      RANDOM.nextBytes(b);
      String name = PREFIX + label + "-" + HexFormat.of().formatHex(b);
      Path directory = base.resolve(name);
      Path lockFile = base.resolve(name + LOCK_SUFFIX);
      if (OWNED.add(lockFile)) { // before the file exists: no cleaner of this JVM ever opens it
        FileChannel channel = null;
        try {
          try {
            channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          } catch (FileAlreadyExistsException e) {
            channel = null; // a name collision (not ours): try another name
          }
          if (channel != null) {
            channel.lock(); // held until close(), or until the process dies
            // the file may be gone: another process's cleanup locked it between its creation and
            // our
            // lock, took it for stale and deleted it; then try another name
            if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
              Files.createDirectory(directory);
              return new Staging(directory, lockFile, channel);
            }
          }
        } catch (FileAlreadyExistsException e) {
          deleteIfExistsQuietly(
              lockFile); // a directory of that name exists (not ours): try another name
        } catch (IOException e) {
          deleteIfExistsQuietly(lockFile);
          closeQuietly(channel);
          OWNED.remove(lockFile);
          throw new UncheckedIOException(
              directory + ": cannot create the staging directory: " + e.getMessage(), e);
        }
        closeQuietly(channel);
        OWNED.remove(lockFile);
      }
      if (attempt >= 100) {
        throw new UncheckedIOException(
            new IOException(base + ": cannot create a staging directory (no free name)"));
      }
    }
  }

  /** The staging directory. */
  public Path directory() {
    return directory;
  }

  /**
   * Deletes the staging directory if it is still there (a failed run's), then the lock file, and
   * releases the lock. If the directory cannot be deleted completely, the lock file stays, so a
   * later run can still recognise and remove the rest once this process is gone.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      deleteQuietly(directory);
      if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
        deleteIfExistsQuietly(lockFile); // while still holding the lock
      }
    } finally {
      closeQuietly(channel);
      OWNED.remove(lockFile);
    }
  }

  /**
   * Removes the staging directories under {@code base} whose owner is gone: for every {@code
   * .tmp-…​.lock} file that this call can lock (its owner died, e.g. killed, or finished between
   * the listing and now), deletes the directory of the same name without the suffix, then the lock
   * file, then releases it. Lock files held by a live run, in any process, are skipped, as are
   * staging directories owned by this JVM and {@code .tmp-…} directories without a lock file. Best
   * effort: what cannot be deleted is left for a later run. Returns the names of the directories
   * and lock files removed.
   */
  public static List<String> cleanStale(Path base) {
    List<Path> lockFiles;
    try (Stream<Path> s = Files.list(base)) {
      lockFiles =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(PREFIX)
                        && n.endsWith(LOCK_SUFFIX)
                        && n.length() > PREFIX.length() + LOCK_SUFFIX.length();
                  })
              .sorted()
              .toList();
    } catch (IOException e) {
      return List.of(); // no base yet, or not listable: nothing to clean
    }
    List<String> removed = new ArrayList<>();
    for (Path lockFile : lockFiles) {
      if (OWNED.contains(lockFile) || !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String name = lockFile.getFileName().toString();
      Path directory = base.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.WRITE)) { // no CREATE: gone means done
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          continue; // another thread of this JVM is removing it right now
        }
        if (lock == null) {
          continue; // its owner is alive
        }
        boolean hadDirectory = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
        deleteQuietly(directory);
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
          if (hadDirectory) {
            removed.add(directory.getFileName().toString());
          }
          if (Files.deleteIfExists(
              lockFile)) { // before the lock is released by closing the channel
            removed.add(name);
          }
        }
      } catch (NoSuchFileException e) {
        // removed meanwhile: by its owner when it finished, or by another run's cleanup
      } catch (IOException e) {
        // best effort: left for a later run
      }
    }
    return removed;
  }

  /** Deletes a directory tree, best effort (used on failure paths only). */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(Staging::deleteIfExistsQuietly);
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }

  private static void deleteIfExistsQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
