package io.codarestore.restore;

import java.nio.file.Path;

/**
 * One dump of the chain as a restore got it: fetched off its media (and verified) or reused from
 * the workspace cache, where it now lies, its size and its verified CRC-32C.
 *
 * @param dump the dump, as "VOLUME level N of DATESTAMP"
 * @param from where it came from
 * @param media what was read ("T-01 file 3", "holding disk FILE"), as the catalog names it
 * @param file the verified dump in the workspace cache
 * @param bytes bytes of the (decompressed) dump
 * @param crc its CRC-32C as {@code crc32c-hex:length}, or null when none was recorded
 */
public record Fetched(String dump, From from, String media, Path file, long bytes, String crc) {
  /** Where a dump came from. */
  public enum From {
    /** Verified by an earlier run and reused as it is. */
    WORKSPACE_CACHE,
    /** Read from vtape files. */
    VTAPE,
    /** Read from the Amanda holding disk's files. */
    HOLDING_DISK,
    /** Read through Amanda's amfetchdump (real tapes). */
    AMFETCHDUMP
  }

  /** True when the dump was not read off its media this time. */
  public boolean reused() {
    return from == From.WORKSPACE_CACHE;
  }

  /**
   * One line naming no front's controls, e.g. "u.alice level 1 of 2024...: 1234 bytes from T-02
   * file 3".
   */
  public String describe() {
    return reused()
        ? dump + ": reused from the workspace cache"
        : dump + ": " + bytes + " bytes from " + media;
  }
}
