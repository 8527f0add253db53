package io.codarestore.plan;

import io.codarestore.amanda.FetchException;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.CatalogDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The cheap check of a plan against the media as they are now: for each link the catalog calls
 * readable, its part files on the vtapes (or chunks on the holding disk) exist, are regular files,
 * have headers naming the dump and the sizes Amanda logged (32 KiB read per part, no data). A link
 * that fails is not available, with the reason {@code media missing: ...} naming the file, and the
 * plan is not restorable.
 */
public final class MediaCheck {
  /** The prefix of the reason of a link whose media failed the check. */
  public static final String MISSING = "media missing: ";

  private final Function<CatalogDump, String> probe;

  /** Checks against the vtapes under {@code vtapeRoot} (null: only holding-disk links). */
  public static MediaCheck of(Path vtapeRoot) {
    VtapeFetcher fetcher = new VtapeFetcher(vtapeRoot);
    return new MediaCheck(
        d -> {
          if (vtapeRoot == null && !d.readFromHoldingDisk()) {
            return null; // real tapes: nothing to look at without a drive
          }
          try {
            fetcher.checkMedia(d.toFetchRequest());
            return null;
          } catch (FetchException e) {
            return e.getMessage();
          }
        });
  }

  /** {@code probe} returns what is wrong with a dump's media, or null when they look whole. */
  public MediaCheck(Function<CatalogDump, String> probe) {
    this.probe = probe;
  }

  /** The plan as the media allow: unchanged when every link's media are there. */
  public RestorePlan apply(RestorePlan plan) {
    List<ChainLink> chain = new ArrayList<>(plan.chain().size());
    ChainGap gap = plan.gap();
    boolean changed = false;
    for (ChainLink l : plan.chain()) {
      String problem = l.available() ? probe.apply(l.dump()) : null;
      if (problem == null) {
        chain.add(l);
        continue;
      }
      changed = true;
      String reason = MISSING + problem.replace('\n', ' ');
      chain.add(
          new ChainLink(l.datestamp(), l.level(), l.status(), false, reason, l.parts(), l.dump()));
      if (gap == null) {
        gap = new ChainGap(l.datestamp(), l.level(), reason);
      }
    }
    if (!changed) {
      return plan;
    }
    return new RestorePlan(
        plan.host(),
        plan.volume(),
        plan.target(),
        false,
        chain,
        gap,
        plan.nearestBefore(),
        plan.nearestAfter(),
        plan.media(),
        plan.skipped());
  }
}
