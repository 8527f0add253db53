package io.codarestore.restore;

import io.codarestore.dump.ChainCheck;
import io.codarestore.dump.ChainRefusedException;
import io.codarestore.dump.DumpHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every link of a chain from the Coda dump headers, before any bulk read. Beyond what {@link
 * ChainCheck} refuses, it checks the uniquifier continuity of the volume's history: an increment's
 * {@code oldest} is the {@code latest} of the last dump the server recorded before it, whatever its
 * level (spec 6.2), so it must equal the {@code latest} of its base or of a dump of the same volume
 * taken between its base and itself. No match means the increment belongs to another base, or the
 * history holds a dump the catalog does not know.
 */
public final class LinkCheck {
  private LinkCheck() {}

  /** How far a link could be checked. */
  public enum Verdict {
    /** The headers prove the link. */
    OK,
    /** The headers prove the link wrong: the restore must not go on. */
    BROKEN,
    /** A header could not be read: the user must accept the risk to go on. */
    UNCHECKED
  }

  /**
   * A dump as the check sees it.
   *
   * @param name how the user knows it, e.g. "u.alice level 1 of 20240305070000"
   * @param header its Coda dump header, or null when it could not be read
   * @param whyUnreadable why the header is missing (null when present)
   */
  public record Dump(String name, DumpHeader header, String whyUnreadable) {}

  /** The verdict for the link from {@code base} to {@code increment}. */
  public record Link(Dump base, Dump increment, Verdict verdict, String explanation) {}

  /**
   * Checks the chain (base first). {@code between.get(i)} lists the dumps of the volume taken after
   * link i-1 and before link i (any level, any status, oldest first); entry 0 is unused.
   */
  public static List<Link> check(List<Dump> chain, List<List<Dump>> between) {
    List<Link> out = new ArrayList<>();
    for (int i = 1; i < chain.size(); i++) {
      out.add(checkLink(chain, i, between.size() > i ? between.get(i) : List.of()));
    }
    return out;
  }

  private static Link checkLink(List<Dump> chain, int i, List<Dump> between) {
    Dump base = chain.get(i - 1);
    Dump incr = chain.get(i);
    if (incr.header() == null || base.header() == null) {
      Dump missing = incr.header() == null ? incr : base;
      return new Link(
          base,
          incr,
          Verdict.UNCHECKED,
          "cannot check "
              + incr.name()
              + " against "
              + base.name()
              + ": the header of "
              + missing.name()
              + " cannot be read ("
              + missing.whyUnreadable()
              + ")");
    }
    try {
      ChainCheck.checkStep(
          new ChainCheck.Link(base.name(), base.header()),
          new ChainCheck.Link(incr.name(), incr.header()));
    } catch (ChainRefusedException e) {
      return new Link(base, incr, Verdict.BROKEN, e.getMessage());
    }
    long oldest = DumpHeader.unsigned(incr.header().oldest());
    if (DumpHeader.unsigned(base.header().latest()) == oldest) {
      return new Link(
          base,
          incr,
          Verdict.OK,
          incr.name() + " was taken against " + base.name() + " (uniquifier " + oldest + ")");
    }
    return againstADumpInBetween(base, incr, between, oldest);
  }

  /**
   * The incremental was not taken against its base's last uniquifier: it may have been taken
   * against a dump between the two (a same-level dump the chain skips), else the link is broken —
   * or unchecked, when some dump in between cannot be read.
   */
  private static Link againstADumpInBetween(Dump base, Dump incr, List<Dump> between, long oldest) {
    boolean unreadable = false;
    for (Dump d : between) {
      if (d.header() == null) {
        unreadable = true;
        continue;
      }
      if (d.header().parentId() == incr.header().parentId()
          && DumpHeader.unsigned(d.header().latest()) == oldest) {
        return new Link(
            base,
            incr,
            Verdict.OK,
            incr.name()
                + " was taken against "
                + d.name()
                + ", which came after "
                + base.name()
                + " (uniquifier "
                + oldest
                + "); files deleted in between may remain as unreachable vnodes, which are not restored");
      }
    }
    if (unreadable) {
      return new Link(
          base,
          incr,
          Verdict.UNCHECKED,
          incr.name()
              + " was taken against uniquifier "
              + oldest
              + ", which is neither "
              + base.name()
              + "'s ("
              + DumpHeader.unsigned(base.header().latest())
              + ") nor that of a readable dump in between; some dumps in between cannot be read");
    }
    return new Link(
        base,
        incr,
        Verdict.BROKEN,
        incr.name()
            + " was taken against uniquifier "
            + oldest
            + ", but "
            + base.name()
            + " ends at "
            + DumpHeader.unsigned(base.header().latest())
            + " and no dump in between ends there: it belongs to another base, or the server made a dump the catalog does not know");
  }
}
