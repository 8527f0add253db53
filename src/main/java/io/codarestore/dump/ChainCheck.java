package io.codarestore.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    Link base = chain.get(0);
    if (base.header().isIncremental()) {
      throw new ChainRefusedException(
          base.name()
              + " is an incremental (level "
              + base.header().level()
              + "): the chain must start with a full dump (level 0)");
    }
    List<String> warnings = new ArrayList<>();
    for (int i = 1; i < chain.size(); i++) {
      checkStep(chain.get(i - 1), chain.get(i)).ifPresent(warnings::add);
    }
    return warnings;
  }

  /**
   * Checks one increment against the link before it (its base, or the previous increment): returns
   * a warning for a gap, throws {@link ChainRefusedException} when it must not be merged.
   */
  public static Optional<String> checkStep(Link previous, Link incr) {
    DumpHeader h = incr.header();
    DumpHeader b = previous.header();
    if (!h.isIncremental()) {
      throw new ChainRefusedException(
          incr.name()
              + " is a full dump (level 0); only incrementals can be merged onto "
              + previous.name());
    }
    if (h.parentId() != b.parentId()) {
      throw new ChainRefusedException(
          incr.name()
              + " is a dump of replica 0x"
              + Integer.toHexString(h.parentId())
              + ", but "
              + previous.name()
              + " is of replica 0x"
              + Integer.toHexString(b.parentId()));
    }
    if (!h.name().equals(b.name())) {
      throw new ChainRefusedException(
          incr.name()
              + " is a dump of volume '"
              + Printable.dumpString(h.name())
              + "', but "
              + previous.name()
              + " is of '"
              + Printable.dumpString(b.name())
              + "'");
    }
    if (h.level() <= b.level()) {
      throw new ChainRefusedException(
          incr.name()
              + " has level "
              + h.level()
              + ", not above the level "
              + b.level()
              + " of "
              + previous.name()
              + ": levels must rise strictly along a chain");
    }
    long state = DumpHeader.unsigned(b.latest());
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
      return Optional.of(
          incr.name()
              + " was taken against state "
              + taken
              + ", "
              + previous.name()
              + " ends at state "
              + state
              + ": dumps were taken in between (normal for a 0, 1, 1' sequence); files deleted"
              + " in that gap remain as unreachable vnodes");
    }
    return Optional.empty();
  }
}
