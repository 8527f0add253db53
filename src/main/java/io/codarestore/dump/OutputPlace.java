package io.codarestore.dump;

import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
    return TempOutputs.prefix(target);
  }

  /**
   * Creates a new empty file (mode 0600) beside {@code target}, a {@link TempOutputs temporary
   * output} (removed on a signal; a stale one of a killed run is removed by the next).
   */
  static Path createTempBeside(Path target) throws IOException {
    return TempOutputs.createFile(target, true);
  }

  /**
   * Renames the finished {@code temp} to {@code target}. An existing target (allowed by {@code
   * force}) is first moved aside, then removed once the new output is in place.
   */
  static void moveIntoPlace(Path temp, Path target, boolean force) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      TempOutputs.publish(temp, () -> move(temp, target));
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
      TempOutputs.publish(temp, () -> move(temp, target));
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
    TempOutputs.move(from, to);
  }

  /** Removes a file or tree, never following symlinks; returns false if something remained. */
  static boolean deleteTree(Path top) {
    return TempOutputs.deleteTree(top);
  }

  /** Removes a temporary output of a run that did not finish. */
  static void discard(Path temp) {
    TempOutputs.remove(temp);
  }
}
