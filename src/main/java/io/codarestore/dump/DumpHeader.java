package io.codarestore.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The dump header (spec 4.1): which clone was dumped, at what level, and the two ordering
 * uniquifiers that tie an incremental to the dump it was taken against.
 *
 * @param volumeId id of the dumped clone (the backup volume)
 * @param parentId the read-write replica the clone was made from
 * @param name the clone's name, e.g. {@code u.jan.0.backup}
 * @param backupDate copy date of the clone, Unix seconds (unsigned)
 * @param level 0 for a full dump, 1..9 for an incremental
 * @param oldest the {@code latest} of the dump this one was taken against (= latest for a full)
 * @param latest the volume's ordering uniquifier at the time of this dump
 */
public record DumpHeader(
    int volumeId, int parentId, String name, int backupDate, int level, int oldest, int latest) {

  public boolean isIncremental() {
    return level != 0;
  }

  /** Reads just the header from the start of a dump stream (a few dozen bytes). */
  public static DumpHeader read(InputStream in, String source) {
    return new DumpReader(in, source).header();
  }

  /** Reads just the header of a dump file. */
  public static DumpHeader read(Path file) throws IOException {
    try (DumpReader r = DumpReader.open(file)) {
      return r.header();
    }
  }

  /** Unsigned view of a 32-bit field. */
  public static long unsigned(int v) {
    return v & 0xFFFFFFFFL;
  }

  /** The uniquifier pair as Coda prints it, e.g. "(197, 237)". */
  public String uniquifiers() {
    return "(" + unsigned(oldest) + ", " + unsigned(latest) + ")";
  }
}
