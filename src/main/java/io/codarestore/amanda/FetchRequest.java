package io.codarestore.amanda;

import java.util.List;

/**
 * One dump to fetch, as the catalog knows it: the dump's identity, where it is (its good parts on
 * tape, or its chunks on a holding disk) and the checksums Amanda logged for it.
 *
 * @param host the DLE's host
 * @param disk the DLE's disk (for Coda: the volume name)
 * @param datestamp the run's datestamp, 8 or 14 digits, as Amanda writes it
 * @param level the dump level
 * @param parts the good parts only (no {@code PARTPARTIAL} ones), in part order 1..n; may be empty
 *     for {@link AmfetchdumpFetcher}, which finds the parts itself
 * @param nativeCrc NATIVE-CRC of the {@code DONE taper} line (the stream before compression), or
 *     {@link Crc#UNKNOWN}
 * @param serverCrc SERVER-CRC of the {@code DONE taper} line (the bytes on tape), or of the {@code
 *     SUCCESS chunker} line for a dump on a holding disk, or null / {@link Crc#UNKNOWN}
 * @param holding the dump's chunks on a holding disk in order, when it is read from there (then
 *     {@code parts} is empty); empty for a dump on tape
 */
public record FetchRequest(
    String host,
    String disk,
    String datestamp,
    int level,
    List<PartLocation> parts,
    Crc nativeCrc,
    Crc serverCrc,
    List<HoldingLocation> holding) {

  public FetchRequest {
    if (host == null || host.isEmpty() || disk == null || disk.isEmpty()) {
      throw new IllegalArgumentException("a fetch needs a host and a disk");
    }
    if (datestamp == null || !datestamp.matches("[0-9]{8}|[0-9]{14}")) {
      throw new IllegalArgumentException("not an Amanda datestamp: " + datestamp);
    }
    if (level < 0 || level > 99) {
      throw new IllegalArgumentException("impossible dump level " + level);
    }
    parts = parts == null ? List.of() : List.copyOf(parts);
    holding = holding == null ? List.of() : List.copyOf(holding);
    if (!parts.isEmpty() && !holding.isEmpty()) {
      throw new IllegalArgumentException(
          "a dump is read from tape parts or holding chunks, not both");
    }
    nativeCrc = nativeCrc == null ? Crc.UNKNOWN : nativeCrc;
    serverCrc = serverCrc == null ? Crc.UNKNOWN : serverCrc;
  }

  /** A dump on tape (or one amfetchdump finds itself). */
  public FetchRequest(
      String host,
      String disk,
      String datestamp,
      int level,
      List<PartLocation> parts,
      Crc nativeCrc,
      Crc serverCrc) {
    this(host, disk, datestamp, level, parts, nativeCrc, serverCrc, List.of());
  }

  /** True when the dump is read from its chunks on a holding disk. */
  public boolean onHoldingDisk() {
    return !holding.isEmpty();
  }

  public DumpId id() {
    return new DumpId(host, disk, datestamp, level);
  }

  /** For messages: {@code localhost:u.alice 20240310082400 level 1}. */
  public String describe() {
    return host + ":" + disk + " " + datestamp + " level " + level;
  }

  /** The stage name used for progress reports. */
  String stageName() {
    return "fetch " + describe();
  }
}
