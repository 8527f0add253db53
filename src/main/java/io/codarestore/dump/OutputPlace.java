package io.codarestore.dump;

import io.codarestore.core.UserFacingException;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an output goes: checks that an existing output is only replaced when allowed, makes the
 * temporary name beside it, renames the finished output into place and removes trees without ever
 * following a symbolic link.
 */
final class OutputPlace {
  private OutputPlace() {}

  /** Refuses an existing output (a dangling symlink counts) unless {@code force}. */
  static void checkFree(Path target, boolean force) {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw new UserFacingException(
          target + " already exists; it is not overwritten (use --force to replace it)");
    }
    Path parent = parentOf(target);
    if (!Files.isDirectory(parent)) {
      throw new UserFacingException(
          "cannot create " + target + ": directory " + parent + " does not exist");
    }
  }

  static Path parentOf(Path target) {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    return parent == null ? abs.getRoot() : parent;
  }

  /** A prefix for temporary names beside {@code target}: hidden, and saying what it is. */
  static String tempPrefix(Path target) {
    Path name = target.toAbsolutePath().getFileName();
    return "." + (name == null ? "output" : name) + ".part-";
  }

  /**
   * Creates a new empty file (mode 0600) beside {@code target} named {@code .NAME.RANDOM SUFFIX}.
   * Like {@link Files#createTempFile} but without its {@code SecureRandom}, whose start-up costs a
   * quick command tens of milliseconds: the name need not be unpredictable, the file is created
   * exclusively (never through an existing name or link) and another name is tried if taken.
   */
  static Path createTempBeside(Path target, String suffix) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = parentOf(abs);
    FileAttribute<?> owner =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    for (int attempt = 0; ; attempt++) {
      String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      Path p = dir.resolve("." + abs.getFileName() + "." + random + suffix);
      try {
        return Files.createFile(p, owner);
      } catch (UnsupportedOperationException e) {
        return Files.createFile(p); // not a POSIX file system
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Renames the finished {@code temp} to {@code target}. An existing target (allowed by {@code
   * force}) is first moved aside, then removed once the new output is in place.
   */
  static void moveIntoPlace(Path temp, Path target, boolean force) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      move(temp, target);
      return;
    }
    if (!force) {
      throw new UserFacingException(
          target + " appeared while extracting; it is not overwritten (use --force to replace it)");
    }
    // Aside under a new name in the same directory: moving a directory elsewhere needs write
    // permission on it (its ".." changes), which a restored 0500 directory does not give.
    Path old = unusedSibling(target, "old-");
    move(target, old);
    try {
      move(temp, target);
    } catch (IOException | RuntimeException e) {
      move(old, target);
      throw e;
    }
    if (!deleteTree(old)) {
      throw new UserFacingException(
          "extracted to " + target + ", but the replaced content could not be removed from " + old);
    }
  }

  private static Path unusedSibling(Path target, String tag) {
    Path parent = parentOf(target);
    while (true) {
      Path p =
          parent.resolve(
              tempPrefix(target)
                  + tag
                  + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Removes a file or tree, never following symlinks; returns false if something remained. */
  static boolean deleteTree(Path top) {
    try {
      delete(top);
      return true;
    } catch (IOException e) {
      return !Files.exists(top, LinkOption.NOFOLLOW_LINKS);
    }
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
        // the delete below reports what remains
      }
    } catch (IOException | UnsupportedOperationException e) {
      // the delete below reports what remains
    }
  }
}
