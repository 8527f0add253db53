package io.codarestore.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * What the last import found of a dump that its log leaves on the holding disk: the chunk files in
 * order and, if the dump cannot be read from there, why.
 *
 * @param chunks the chunk files found (empty when none was found or their chain is broken)
 * @param problem why the dump cannot be read from the holding disk, or null when it can
 */
public record HoldingCopy(List<Chunk> chunks, String problem) {
  public HoldingCopy {
    chunks = List.copyOf(chunks);
  }

  /**
   * One chunk file.
   *
   * @param number 1 for the file with the {@code FILE} header, then in {@code CONT_FILENAME} order
   * @param bytes the data bytes after its 32 KiB header
   */
  public record Chunk(int number, Path file, long bytes) {}

  /** True when the whole dump was found complete on the holding disk. */
  public boolean readable() {
    return problem == null && !chunks.isEmpty();
  }

  /** The data bytes of all chunks. */
  public long bytes() {
    long n = 0;
    for (Chunk c : chunks) {
      n += c.bytes();
    }
    return n;
  }
}
