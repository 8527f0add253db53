package io.codarestore.ui.target;

import io.codarestore.core.UserFacingException;
import io.codarestore.restore.VolutilRestore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What must hold before a target is accepted: the output does not exist yet and can be created,
 * paths stay inside the volume, the volutil fields make a valid command line. Each check returns
 * the problem in words, or null when there is none.
 */
public final class TargetChecks {
  private TargetChecks() {}

  /** A new output (directory or file): not there yet, its parent a writable directory. */
  public static String newOutput(Path p, String what) {
    if (p == null) {
      return "Choose the " + what + ".";
    }
    if (!p.isAbsolute()) {
      return "The " + what + " must be an absolute path.";
    }
    if (Files.exists(p)) {
      return p + " exists already; choose a new name (nothing is overwritten).";
    }
    Path parent = p.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "The folder " + parent + " does not exist.";
    }
    if (!Files.isWritable(parent)) {
      return "The folder " + parent + " is not writable.";
    }
    return null;
  }

  /** Paths inside the volume, relative, without "." or ".." steps. */
  public static String volumePaths(List<String> paths) {
    if (paths.isEmpty()) {
      return "Give a path, or restore the whole tree.";
    }
    if (paths.size() > 1) {
      return "One path at a time for now (the restore job takes one); restore again for the next.";
    }
    for (String p : paths) {
      if (p.startsWith("/")) {
        return p + ": give paths relative to the volume root (no leading /).";
      }
      for (String part : p.split("/", -1)) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          return p + ": a path may not contain empty, \".\" or \"..\" steps.";
        }
      }
    }
    return null;
  }

  /** The fields of a volutil restore. */
  public static String volume(
      String command, String partition, String name, String volumeId, boolean readWrite) {
    if (command == null || command.isBlank()) {
      return "Give the volutil command (a path or a name on PATH).";
    }
    if (command.contains("/") && !Files.isExecutable(Path.of(command))) {
      return command + " is not an executable file.";
    }
    if (partition == null || !partition.matches("/vicep[a-z]{1,2}")) {
      return "The partition is a server partition such as /vicepa.";
    }
    if (name != null && name.getBytes(StandardCharsets.UTF_8).length > 31) {
      return "A Coda volume name has at most 31 bytes.";
    }
    boolean hasId = volumeId != null && !volumeId.isBlank();
    if (hasId) {
      try {
        VolutilRestore.parseVolumeId(volumeId);
      } catch (UserFacingException e) {
        return e.getMessage() + ".";
      }
      if (name == null || name.isBlank()) {
        return "A volume id needs a volume name too.";
      }
    }
    if (readWrite && !hasId) {
      return "A read-write restore needs the volume id (hex, e.g. 1000007).";
    }
    return null;
  }
}
