package io.codarestore.amanda;

import java.util.List;

/**
 * One dump (host, disk, datestamp, level) as one run log records it, with every part written for it
 * (broken ones included). If a log holds two attempts of the same dump (a retry), each attempt is
 * its own {@code AmandaLogDump}. CRCs are {@code crc32c-hex:bytes} words or null when unknown.
 *
 * @param parts parts in log order, including broken ones
 * @param partCount number of parts from the DONE/PARTIAL taper line; -1 if there was none
 * @param bytes bytes on tape (DONE line), or on the holding disk (the chunker's CRC length) for a
 *     dump left there; -1 if unknown
 * @param origKb size before compression in KiB, -1 if unknown
 * @param onHoldingDisk the whole dump reached the holding disk but this log has it not (wholly) on
 *     tape: no taper line, or the taping failed; Amanda keeps it there until it is flushed
 * @param holdingKb the size in KiB the chunker logged for a dump left on the holding disk, else -1
 * @param detail why the status is not OK (reasons, missing parts), or the client's warnings
 * @param line the first line of the log that mentions the dump
 */
public record AmandaLogDump(
    String host,
    String disk,
    String datestamp,
    int level,
    DumpStatus status,
    List<AmandaLogPart> parts,
    int partCount,
    long bytes,
    long origKb,
    String nativeCrc,
    String clientCrc,
    String serverCrc,
    boolean onHoldingDisk,
    long holdingKb,
    String detail,
    int line) {
  public AmandaLogDump {
    parts = List.copyOf(parts);
  }
}
