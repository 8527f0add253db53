package io.codarestore.amanda;

import java.nio.file.Path;

/** A part found on a vtape: where the catalog says it is, the file, its header and data size. */
record ResolvedPart(PartLocation location, Path file, AmandaFileHeader header, long payloadBytes) {
  /** For messages: {@code part 2 (CODA-01 file 6, /path/00006.localhost.u.alice.1)}. */
  String describe() {
    return "part "
        + location.partNumber()
        + " ("
        + location.label()
        + " file "
        + location.fileNumber()
        + ", "
        + file
        + ")";
  }
}
