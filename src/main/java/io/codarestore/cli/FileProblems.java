package io.codarestore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in plain words what went wrong with a file: "FILE: permission denied", "FILE: no such file",
 * "FILE: is a directory", with no Java class names.
 */
final class FileProblems {
  private FileProblems() {}

  /** The one-line description of an I/O failure somewhere in {@code ex}'s causes, or null. */
  static String describe(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException u) {
        return describe(u.getCause());
      }
      if (t instanceof AccessDeniedException e) {
        return e.getFile() + ": permission denied";
      }
      if (t instanceof NoSuchFileException e) {
        return e.getFile() + ": no such file or directory";
      }
      if (t instanceof NotDirectoryException e) {
        return e.getFile() + ": not a directory";
      }
      if (t instanceof FileSystemException e) {
        String reason = e.getReason() == null ? "cannot be read" : lower(e.getReason());
        return e.getFile() + ": " + reason;
      }
      if (t instanceof IOException e) {
        String m = e.getMessage() == null ? "input/output error" : e.getMessage();
        if (m.contains("Is a directory")) {
          return m.replace(" (Is a directory)", "") + ": is a directory";
        }
        if (m.contains("Permission denied")) {
          return m.replace(" (Permission denied)", "") + ": permission denied";
        }
        return m;
      }
    }
    return null;
  }

  private static String lower(String reason) {
    return reason.isEmpty()
        ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }
}
