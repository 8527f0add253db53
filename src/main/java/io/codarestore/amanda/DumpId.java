package io.codarestore.amanda;

import java.util.ArrayList;
import java.util.List;

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
    return differencesFrom(h).isEmpty();
  }

  /**
   * Where a dump file's header names another dump, for messages: {@code host other}, {@code disk
   * other}, {@code datestamp other}, {@code level other}, in that order; empty when it names this
   * dump. The one identity check of every fetcher.
   */
  List<String> differencesFrom(AmandaFileHeader h) {
    List<String> wrong = new ArrayList<>(4);
    if (!host.equals(h.host())) {
      wrong.add("host " + h.host());
    }
    if (!disk.equals(h.disk())) {
      wrong.add("disk " + h.disk());
    }
    if (!datestamp.equals(h.datestamp())) {
      wrong.add("datestamp " + h.datestamp());
    }
    if (level != h.level()) {
      wrong.add("level " + h.level());
    }
    return wrong;
  }
}
