package io.codarestore.plan;

import io.codarestore.amanda.Crc;
import io.codarestore.catalog.CatalogDump;
import java.util.function.Predicate;

/**
 * The workspace space a restore of a chain needs: every dump as it is once unpacked (its native
 * bytes, not the compressed bytes on tape), less the dumps already verified in the workspace cache,
 * which are read from there and not fetched again. One computation, so that the wizard's Chain page
 * and the job's dry run show the same number.
 *
 * @param nativeBytes the whole chain unpacked
 * @param cachedBytes the part of it already in the workspace cache
 */
public record ChainSpace(long nativeBytes, long cachedBytes) {

  /** The space the dumps still to fetch take in the workspace. */
  public long needed() {
    return nativeBytes - cachedBytes;
  }

  /**
   * The space for {@code plan}'s chain; {@code cached} says whether a dump is already verified in
   * the workspace cache (so it costs no new space).
   */
  public static ChainSpace of(RestorePlan plan, Predicate<CatalogDump> cached) {
    long all = 0;
    long inCache = 0;
    for (ChainLink l : plan.chain()) {
      long n = nativeBytes(l.dump());
      all += n;
      if (cached.test(l.dump())) {
        inCache += n;
      }
    }
    return new ChainSpace(all, inCache);
  }

  /**
   * A dump's size once unpacked: the length its native checksum records, else the larger of the
   * size Amanda estimated before compression and the size stored.
   */
  public static long nativeBytes(CatalogDump d) {
    Crc c = d.nativeCrc() == null ? Crc.UNKNOWN : Crc.parse(d.nativeCrc());
    if (Crc.isKnown(c)) {
      return c.length();
    }
    return Math.max(d.origKb() * 1024, d.bytes());
  }
}
