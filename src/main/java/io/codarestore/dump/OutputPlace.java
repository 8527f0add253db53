package io.codarestore.dump;

import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

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
    Path aside = Files.createTempDirectory(parentOf(target), tempPrefix(target) + "old-");
    Path old = aside.resolve("old");
    move(target, old);
    try {
      move(temp, target);
    } catch (IOException | RuntimeException e) {
      move(old, target);
      deleteTree(aside);
      throw e;
    }
    if (!deleteTree(aside)) {
      throw new UserFacingException(
          "extracted to " + target + ", but the replaced content could not be removed from " + old);
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
    if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try {
      Files.walkFileTree(
          top,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              try {
                // A directory restored with mode 0500 or 0000 must be opened to be emptied.
                Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
              } catch (IOException | UnsupportedOperationException e) {
                // best effort: the delete below reports what remains
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
      return true;
    } catch (IOException e) {
      return !Files.exists(top, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
