package io.codarestore.amanda;

import java.util.List;

/**
 * One dump to fetch, as the catalog knows it: the dump's identity, its good parts and the checksums
 * Amanda logged for it.
 *
 * @param host the DLE's host
 * @param disk the DLE's disk (for Coda: the volume name)
 * @param datestamp the run's datestamp, 8 or 14 digits, as Amanda writes it
 * @param level the dump level
 * @param parts the good parts only (no {@code PARTPARTIAL} ones), in part order 1..n; may be empty
 *     for {@link AmfetchdumpFetcher}, which finds the parts itself
 * @param nativeCrc NATIVE-CRC of the {@code DONE taper} line (the stream before compression), or
 *     {@link Crc#UNKNOWN}
 * @param serverCrc SERVER-CRC of the {@code DONE taper} line (the bytes on tape), or null / {@link
 *     Crc#UNKNOWN}
 */
public record FetchRequest(
    String host,
    String disk,
    String datestamp,
    int level,
    List<PartLocation> parts,
    Crc nativeCrc,
    Crc serverCrc) {

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
    nativeCrc = nativeCrc == null ? Crc.UNKNOWN : nativeCrc;
    serverCrc = serverCrc == null ? Crc.UNKNOWN : serverCrc;
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
