package io.codarestore.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden temporary outputs of this process: a file or directory written beside its final name
 * {@code NAME} as {@code .NAME.part-PID-RANDOM} and renamed into place only when complete. Every
 * command that writes an output (merge, extract, restore, fetch, a new catalog) makes its temporary
 * output here, and this is the one place that removes it when the run does not finish:
 *
 * <ul>
 *   <li>on a signal: SIGINT, SIGTERM and SIGHUP make the JVM run its shutdown hooks and exit with
 *       128 + the signal's number (130, 143, 129: the JVM's own handlers, kept; a signal ignored
 *       when the program started, as under nohup, stays ignored). The hook of this class removes
 *       every temporary output still registered; a directory is first renamed, so that a thread
 *       still writing into it fails instead of refilling it;
 *   <li>after {@code kill -9} (no hook runs): the next run that makes a temporary output beside the
 *       same {@code NAME} removes those whose process is gone, and says so through {@link
 *       #reportTo}.
 * </ul>
 *
 * A file's SQLite companions ({@code -wal}, {@code -shm}, {@code -journal}) go with it. The state
 * here is static because the process (its id, its exit) is.
 */
public final class TempOutputs {
  private static final String PART = ".part-";
  private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");
  private static final long PID = ProcessHandle.current().pid();
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile Consumer<String> reporter = message -> {};
  private static volatile boolean shuttingDown;

  /**
   * Held while a temporary output is created or renamed into place, and by the hook while it raises
   * {@link #shuttingDown}: once the hook has begun, nothing new is created and nothing is
   * published, so what it removes is all there is.
   */
  private static final Object LOCK = new Object();

  /** A rename into place. */
  @FunctionalInterface
  public interface Move {
    void run() throws IOException;
  }

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TempOutputs::removeAllLive, "remove-temporary-outputs"));
  }

  private TempOutputs() {}

  /** Where the removal of a stale temporary output is said (the command line: stderr). */
  public static void reportTo(Consumer<String> sink) {
    reporter = sink == null ? message -> {} : sink;
  }

  /** True once the JVM is shutting down (a signal): a failure seen now is the signal's doing. */
  public static boolean shuttingDown() {
    return shuttingDown;
  }

  /**
   * Creates a new empty file beside {@code target} (mode 0600 if {@code ownerOnly}, else as the
   * umask says), registered; stale temporary outputs of the same target are removed first.
   */
  public static Path createFile(Path target, boolean ownerOnly) throws IOException {
    Path abs = target.toAbsolutePath();
    removeStale(abs);
    FileAttribute<?> owner =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    for (int attempt = 0; ; attempt++) {
      Path p = newName(abs);
      synchronized (LOCK) {
        refuseWhenShuttingDown();
        LIVE.add(p);
        try {
          return ownerOnly ? Files.createFile(p, owner) : Files.createFile(p);
        } catch (UnsupportedOperationException e) {
          return Files.createFile(p); // not a POSIX file system
        } catch (IOException e) {
          LIVE.remove(p);
          if (!(e instanceof FileAlreadyExistsException) || attempt == 100) {
            throw e;
          }
        }
      }
    }
  }

  /** Creates a new empty directory (mode 0700) beside {@code target}, registered. */
  public static Path createDirectory(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    removeStale(abs);
    FileAttribute<?> owner =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    for (int attempt = 0; ; attempt++) {
      Path p = newName(abs);
      synchronized (LOCK) {
        refuseWhenShuttingDown();
        LIVE.add(p);
        try {
          return Files.createDirectory(p, owner);
        } catch (IOException e) {
          LIVE.remove(p);
          if (!(e instanceof FileAlreadyExistsException) || attempt == 100) {
            throw e;
          }
        }
      }
    }
  }

  /**
   * Renames the finished {@code temp} into place with {@code move}, unless a signal is stopping the
   * program (then it stays a temporary output, which the hook removes).
   */
  public static void publish(Path temp, Move move) throws IOException {
    synchronized (LOCK) {
      refuseWhenShuttingDown();
      move.run();
      LIVE.remove(temp.toAbsolutePath());
    }
  }

  private static void refuseWhenShuttingDown() throws IOException {
    if (shuttingDown) {
      throw new IOException("stopped by a signal");
    }
  }

  /** The temporary output was renamed into place or removed: no longer this class's to remove. */
  public static void done(Path temp) {
    LIVE.remove(temp.toAbsolutePath());
  }

  /** Removes a registered temporary output now (a failed run) and forgets it. */
  public static boolean remove(Path temp) {
    boolean gone = deleteTree(temp);
    for (String c : COMPANIONS) {
      deleteTree(temp.resolveSibling(temp.getFileName() + c));
    }
    if (gone) {
      done(temp);
    }
    return gone;
  }

  /** The prefix of the temporary names of {@code target}: {@code .NAME.part-}. */
  public static String prefix(Path target) {
    Path name = target.toAbsolutePath().getFileName();
    return "." + (name == null ? "output" : name) + PART;
  }

  private static Path newName(Path abs) {
    String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    return parentOf(abs).resolve(prefix(abs) + PID + "-" + random).toAbsolutePath();
  }

  private static Path parentOf(Path abs) {
    Path parent = abs.getParent();
    return parent == null ? abs.getRoot() : parent;
  }

  /**
   * Removes the temporary outputs of {@code target} left by runs that were killed outright: named
   * {@code .NAME.part-PID-RANDOM} (or a SQLite companion of one), of a process that is no longer
   * running. Anything else is left alone (a run still going, a name that is not ours).
   */
  public static void removeStale(Path target) {
    Path abs = target.toAbsolutePath();
    String prefix = prefix(abs);
    Pattern ours =
        Pattern.compile(Pattern.quote(prefix) + "(\\d{1,10})-[0-9a-z]{1,14}(-wal|-shm|-journal)?");
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(
            parentOf(abs), p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : s) {
        Matcher m = ours.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long pid = Long.parseLong(m.group(1));
        if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (deleteTree(p)) {
          reporter.accept(
              "removed "
                  + p
                  + ", a temporary output left by an interrupted run (process "
                  + pid
                  + ", no longer running)");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable directory or odd names: stale leftovers stay; the run itself goes on.
    }
  }

  /** The shutdown hook: every temporary output still registered is removed. */
  static void removeAllLive() {
    synchronized (LOCK) {
      shuttingDown = true;
    }
    for (Path p : List.copyOf(LIVE)) {
      Path doomed = p;
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        // Renamed first: a thread still writing into it gets "no such file" from now on.
        Path aside = p.resolveSibling(p.getFileName() + "x");
        try {
          Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
          doomed = aside;
        } catch (IOException | RuntimeException e) {
          doomed = p;
        }
      }
      remove(doomed);
      LIVE.remove(p);
    }
  }

  /**
   * As {@link #deleteTree}, for a caller that must stop when something remained: the one way the
   * program removes a tree it made (nothing absent is an error).
   *
   * @throws IOException naming the path when part of it could not be removed
   */
  public static void removeTree(Path top) throws IOException {
    if (!deleteTree(top)) {
      throw new IOException(top + ": cannot be removed entirely");
    }
  }

  /** Removes a file or tree, never following symlinks; returns false if something remained. */
  public static boolean deleteTree(Path top) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        delete(top);
        return true;
      } catch (IOException e) {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void delete(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (a.isDirectory()) {
      openUp(p);
      try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
        for (Path c : children) {
          delete(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  /** A directory restored with mode 0500 or 0000 must be opened up to be emptied. */
  private static void openUp(Path dir) {
    try {
      Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
    } catch (AccessDeniedException e) {
      // Without read permission the no-follow chmod cannot open it: chmod by path. It was just
      // seen to be a directory, not a link, inside a tree being removed.
      try {
        Files.setAttribute(dir, "unix:mode", 0700);
      } catch (IOException | UnsupportedOperationException ignored) {
        // the delete reports what remains
      }
    } catch (IOException | UnsupportedOperationException e) {
      // the delete reports what remains
    }
  }

  /** Moves {@code from} to {@code to} atomically where the file system can. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
