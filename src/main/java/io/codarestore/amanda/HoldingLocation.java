package io.codarestore.amanda;

import java.nio.file.Path;

/**
 * One chunk of a dump left on a holding disk, as the catalog found it at import: the file and the
 * data bytes after its 32 KiB header.
 *
 * @param chunk the chunk number, counting from 1 (1 is the file whose header says {@code FILE})
 * @param bytes the data bytes after the header when the catalog looked, or -1 when not known
 */
public record HoldingLocation(int chunk, Path file, long bytes) {
  public HoldingLocation {
    if (chunk < 1) {
      throw new IllegalArgumentException("holding chunks count from 1, got " + chunk);
    }
    if (file == null) {
      throw new IllegalArgumentException("a holding chunk needs a file");
    }
    if (bytes < -1) {
      throw new IllegalArgumentException("chunk size must be -1 (unknown) or more, got " + bytes);
    }
  }

  @Override
  public String toString() {
    return "holding chunk " + chunk + " (" + file + ")";
  }
}
