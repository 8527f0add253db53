package io.codarestore.amanda;

/**
 * One part of a dump as a run log records it: written as file {@code fileNumber} of tape {@code
 * label}. {@code tapeDatestamp} is the datestamp of the START taper line that began that tape in
 * this log (what the tapelist must still carry for the part to be readable). A {@code broken} part
 * (PARTPARTIAL) exists on tape but is garbage; the same part number follows again.
 */
public record AmandaLogPart(
    int partNumber,
    String label,
    int fileNumber,
    String tapeDatestamp,
    long bytes,
    boolean broken,
    String error) {}
