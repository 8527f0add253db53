package io.codarestore.dump;

import io.codarestore.core.TempOutputs;
import io.codarestore.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an output goes: checks that an existing output is only replaced when allowed, makes the
 * temporary name beside it, renames the finished output into place and removes trees without ever
 * following a symbolic link.
 */
final class OutputPlace {
  private OutputPlace() {}

  /** What an output is: the only kind of thing {@code --force} may replace at its name. */
  enum Kind {
    FILE("a regular file"),
    DIRECTORY("a directory");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /**
   * Refuses an existing output (a dangling symlink counts) unless {@code force}; even with it,
   * refuses to replace anything but a {@code kind} (never a symlink, a device, a pipe...), and an
   * output that is one of the {@code inputs} or, for a directory, holds one (real paths and file
   * keys compared: a symlink, "./" or ".." make no difference). The one place where every command
   * that writes an output (merge, extract, restore to a dump or tar file) checks it.
   */
  static void checkFree(Path target, boolean force, Kind kind, List<Path> inputs) {
    BasicFileAttributes a = attributes(target);
    if (a != null && !force) {
      throw new UserFacingException(
          target + " already exists; it is not overwritten (use --force to replace it)");
    }
    Path parent = parentOf(target);
    if (!Files.isDirectory(parent)) {
      throw new UserFacingException(
          "cannot create " + target + ": directory " + parent + " does not exist");
    }
    if (a == null) {
      return;
    }
    // a symlink is replaced itself (never what it points to), unless it leads to an input
    boolean right = kind == Kind.FILE ? a.isRegularFile() : a.isDirectory();
    if (!right && !a.isSymbolicLink()) {
      throw new UserFacingException(
          target
              + " is not "
              + kind.label
              + "; --force replaces only "
              + kind.label
              + " (or a symbolic link), so it is left alone (remove it or choose another output)");
    }
    for (Path input : inputs) {
      if (isOrHolds(target, kind, input)) {
        throw new UserFacingException(
            target
                + (kind == Kind.FILE ? " is the input " : " holds the input ")
                + input
                + "; it is not overwritten, even with --force (choose another output)");
      }
    }
  }

  /** The attributes of {@code p} itself (not of a link's target), or null if nothing is there. */
  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the existing {@code target} (or what it links to) is {@code input} or holds it. */
  private static boolean isOrHolds(Path target, Kind kind, Path input) {
    try {
      Object in = Files.readAttributes(input, BasicFileAttributes.class).fileKey();
      Object out = Files.readAttributes(target, BasicFileAttributes.class).fileKey();
      if (in != null && in.equals(out)) {
        return true;
      }
      Path real = input.toRealPath();
      Path place = target.toRealPath();
      return kind == Kind.DIRECTORY ? real.startsWith(place) : real.equals(place);
    } catch (IOException e) {
      return false; // an input that cannot be read is reported when it is opened
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
    if (!TempOutputs.deleteTree(old)) {
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

  /** Removes a temporary output of a run that did not finish. */
  static void discard(Path temp) {
    TempOutputs.remove(temp);
  }
}
