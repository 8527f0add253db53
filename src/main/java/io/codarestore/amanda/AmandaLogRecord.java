package io.codarestore.amanda;

import java.util.List;

/**
 * One record (line plus its continuation lines) of an Amanda run log {@code log.<datestamp>.<n>}.
 * Only the record types a restore needs are modelled in detail; the rest are {@link Message}s. CRC
 * words are kept as Amanda writes them ({@code crc32c-hex:bytes}); {@code 00000000:0} ("unknown")
 * becomes null.
 */
public sealed interface AmandaLogRecord {
  /** 1-based line number of the record's first line. */
  int line();

  /** {@code START <program> date <datestamp>}: the run begins; every dump of it has this stamp. */
  record RunStart(int line, String program, String datestamp) implements AmandaLogRecord {}

  /** {@code START taper datestamp <ds> label <LABEL> tape <k>}: the taper starts a tape. */
  record TaperStart(int line, String datestamp, String label, int tape)
      implements AmandaLogRecord {}

  /** {@code DISK planner <host> <disk>}: a disk list entry of the run. */
  record DiskListed(int line, String host, String disk) implements AmandaLogRecord {}

  /**
   * {@code SUCCESS dumper} or {@code STRANGE dumper}: the client side finished. For STRANGE lines
   * the datestamp comes from the run's START line.
   */
  record DumperResult(
      int line,
      boolean strange,
      String host,
      String disk,
      String datestamp,
      int level,
      String nativeCrc,
      String clientCrc,
      AmandaLogStats stats,
      List<String> messages)
      implements AmandaLogRecord {}

  /** {@code SUCCESS chunker} or {@code PARTIAL chunker}: the dump reached the holding disk. */
  record ChunkerResult(
      int line,
      boolean partial,
      String host,
      String disk,
      String datestamp,
      int level,
      String serverCrc,
      AmandaLogStats stats)
      implements AmandaLogRecord {}

  /** {@code FAIL <program> <host> <disk> <ds> <level> [reason]}: nothing usable was produced. */
  record Failure(
      int line,
      String program,
      String host,
      String disk,
      String datestamp,
      int level,
      String reason,
      List<String> messages)
      implements AmandaLogRecord {}

  /**
   * {@code PART taper} or {@code PARTPARTIAL taper} ({@code broken}): one part written as tape file
   * {@code fileNumber} of {@code label}. A broken part's tape file exists but is garbage.
   */
  record PartWritten(
      int line,
      boolean broken,
      String label,
      int fileNumber,
      String host,
      String disk,
      String datestamp,
      int partNumber,
      int partTotal,
      int level,
      AmandaLogStats stats,
      String error)
      implements AmandaLogRecord {}

  /** {@code DONE taper} or {@code PARTIAL taper} ({@code partial}): the dump's end on tape. */
  record TaperResult(
      int line,
      boolean partial,
      String host,
      String disk,
      String datestamp,
      int parts,
      int level,
      String nativeCrc,
      String clientCrc,
      String serverCrc,
      AmandaLogStats stats)
      implements AmandaLogRecord {}

  /** {@code FINISH <program> date <ds> time <seconds>}. */
  record RunFinish(int line, String program, String datestamp) implements AmandaLogRecord {}

  /** INFO, WARNING, ERROR, STATS and the other diagnostic lines, kept as text. */
  record Message(int line, String type, String program, String text, List<String> messages)
      implements AmandaLogRecord {}
}
