package io.codarestore.amanda;

import java.nio.file.Path;

/**
 * A part of a dump found on its media: where the catalog says it is, the file, its header and data
 * size. For a dump on a holding disk each chunk is one such part ({@code holding}), numbered from
 * 1.
 */
record ResolvedPart(
    PartLocation location, Path file, AmandaFileHeader header, long payloadBytes, boolean holding) {

  /** What the holding-disk chunks stand in for as a tape label (in locations and messages). */
  static final String HOLDING_LABEL = "holding disk";

  ResolvedPart(PartLocation location, Path file, AmandaFileHeader header, long payloadBytes) {
    this(location, file, header, payloadBytes, false);
  }

  /** Chunk {@code number} of a dump on a holding disk. */
  static ResolvedPart holding(int number, Path file, AmandaFileHeader header, long payloadBytes) {
    return new ResolvedPart(
        new PartLocation(number, HOLDING_LABEL, number, payloadBytes),
        file,
        header,
        payloadBytes,
        true);
  }

  /**
   * For messages: {@code part 2 (CODA-01 file 6, /path/00006.localhost.u.alice.1)}, or {@code chunk
   * 2 on the holding disk (/path/localhost.u.alice.1.1)}.
   */
  String describe() {
    if (holding) {
      return "chunk " + location.partNumber() + " on the holding disk (" + file + ")";
    }
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
