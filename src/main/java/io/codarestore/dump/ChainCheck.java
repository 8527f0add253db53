package io.codarestore.dump;

import java.util.ArrayList;
import java.util.List;

/**
 * The header checks of a chain (base first), made before any bulk data is read: what Coda's merge
 * refuses (an incremental as the base, a full dump as an increment, a different replica or volume
 * name) plus what the headers prove wrong (levels not strictly rising; a base newer than the state
 * an increment was taken against). An increment taken against a later state than its base (the 0,
 * 1, 1' case) is normal and only warned about.
 */
public final class ChainCheck {
  private ChainCheck() {}

  /** A named header: the file (or catalog entry) and what it says. */
  public record Link(String name, DumpHeader header) {}

  /**
   * Checks the chain and returns the warnings; throws {@link ChainRefusedException} on the first
   * link that must not be merged.
   */
  public static List<String> check(List<Link> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty chain");
    }
    List<String> warnings = new ArrayList<>();
    Link base = chain.get(0);
    if (base.header().isIncremental()) {
      throw new ChainRefusedException(
          base.name()
              + " is an incremental (level "
              + base.header().level()
              + "): the chain must start with a full dump (level 0)");
    }
    Link previous = base;
    for (int i = 1; i < chain.size(); i++) {
      Link incr = chain.get(i);
      DumpHeader h = incr.header();
      DumpHeader b = base.header();
      if (!h.isIncremental()) {
        throw new ChainRefusedException(
            incr.name()
                + " is a full dump (level 0); only incrementals can be merged onto "
                + base.name());
      }
      if (h.parentId() != b.parentId()) {
        throw new ChainRefusedException(
            incr.name()
                + " is a dump of replica 0x"
                + Integer.toHexString(h.parentId())
                + ", but "
                + base.name()
                + " is of replica 0x"
                + Integer.toHexString(b.parentId()));
      }
      if (!h.name().equals(b.name())) {
        throw new ChainRefusedException(
            incr.name()
                + " is a dump of volume '"
                + h.name()
                + "', but "
                + base.name()
                + " is of '"
                + b.name()
                + "'");
      }
      if (h.level() <= previous.header().level()) {
        throw new ChainRefusedException(
            incr.name()
                + " has level "
                + h.level()
                + ", not above the level "
                + previous.header().level()
                + " of "
                + previous.name()
                + ": levels must rise strictly along a chain");
      }
      long state = DumpHeader.unsigned(previous.header().latest());
      long taken = DumpHeader.unsigned(h.oldest());
      if (state > taken) {
        throw new ChainRefusedException(
            incr.name()
                + " was taken against the volume state "
                + taken
                + ", but "
                + previous.name()
                + " is already at state "
                + state
                + ": it belongs to an older base (a newer full or incremental was used as its base)");
      }
      if (state < taken) {
        warnings.add(
            incr.name()
                + " was taken against state "
                + taken
                + ", "
                + previous.name()
                + " ends at state "
                + state
                + ": dumps were taken in between (normal for a 0, 1, 1' sequence); files deleted in that gap remain as unreachable vnodes");
      }
      previous = incr;
    }
    return warnings;
  }
}
