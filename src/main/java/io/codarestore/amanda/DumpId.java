package io.codarestore.amanda;

/**
 * What identifies a dump in Amanda: host, disk, the run's datestamp and the level.
 *
 * @param datestamp 8 or 14 digits, as Amanda writes it
 */
public record DumpId(String host, String disk, String datestamp, int level) {
  /** For messages: {@code localhost:u.alice 20240310082400 level 1}. */
  public String describe() {
    return host + ":" + disk + " " + datestamp + " level " + level;
  }

  /** True when a dump file's header names this dump. */
  boolean isNamedBy(AmandaFileHeader h) {
    return host.equals(h.host())
        && disk.equals(h.disk())
        && datestamp.equals(h.datestamp())
        && level == h.level();
  }
}
