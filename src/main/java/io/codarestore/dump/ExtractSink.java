package io.codarestore.dump;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an extraction writes: a directory tree or a tar file. Everything goes to a temporary name
 * beside the output; {@link #commit} renames it into place, {@link #abort} removes it, so an
 * interrupted extraction never leaves anything that looks finished.
 */
interface ExtractSink {
  /** A directory; parents always come before their children. */
  void directory(TreeDirectory d) throws IOException;

  /** A regular file whose {@code size} bytes {@code data} delivers. */
  void file(String path, VnodeRecord r, long size, FileData data) throws IOException;

  /** A further name of the file written at {@code first}. */
  void hardLink(String path, String first, VnodeRecord r) throws IOException;

  void symlink(String path, VnodeRecord r, String target) throws IOException;

  /** A file of our own at the top (the ACL file). */
  void topFile(String name, byte[] data) throws IOException;

  /** Objects whose owner was not set (not running as root); 0 for a tar file. */
  long ownersSkipped();

  /** True when owners are recorded (tar) or set (directory, as root). */
  boolean ownersSet();

  /** Finishes the output and renames it into place (replacing an old one if allowed). */
  void commit() throws IOException;

  /** Removes whatever was written; never throws. */
  void abort();

  /** Streams a file's data to an output stream. */
  @FunctionalInterface
  interface FileData {
    void copyTo(OutputStream out) throws IOException;
  }
}
