package io.codarestore.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Amanda's descriptors for an Application's backup: fd 1 the data, fd 3 messages, fd 4 the index.
 * Java has no constructor for a numbered descriptor; an inherited pipe is opened again through
 * {@code /proc/self/fd/N} (Linux) or {@code /dev/fd/N}.
 */
final class AmandaDescriptors {
  private AmandaDescriptors() {}

  /**
   * Standard output as raw bytes (not through System.out's PrintStream), unbuffered: the backup
   * writes the dump to it through its channel from a direct buffer ({@code StreamedDump}).
   */
  static OutputStream data() {
    return new FileOutputStream(FileDescriptor.out);
  }

  /** Descriptor {@code fd} for writing, or null when it is not open. */
  static OutputStream open(int fd) {
    for (String p : new String[] {"/proc/self/fd/" + fd, "/dev/fd/" + fd}) {
      if (Files.exists(Path.of(p)) && inherited(Path.of(p))) {
        try {
          return new BufferedOutputStream(new FileOutputStream(p, true), 1 << 16);
        } catch (IOException e) {
          // try the next way
        }
      }
    }
    return null;
  }

  /**
   * Whether the descriptor looks inherited rather than one the JVM opened for itself (when Amanda
   * did not pass it, the JVM's own jar or libraries take the low numbers): a pipe, a socket, a
   * device, or a file that is not part of the Java runtime or a jar.
   */
  private static boolean inherited(Path link) {
    try {
      String target = Files.readSymbolicLink(link).toString();
      if (target.startsWith("pipe:")
          || target.startsWith("socket:")
          || target.startsWith("/dev/")) {
        return true;
      }
      String home = System.getProperty("java.home", "/nonexistent");
      return !target.startsWith(home)
          && !target.endsWith(".jar")
          && !target.contains(".so")
          && !target.startsWith("anon_inode:");
    } catch (IOException | UnsupportedOperationException e) {
      return true; // /dev/fd on a system without readable links: trust it
    }
  }
}
