package io.codarestore.plan;

import io.codarestore.amanda.CodaDumpCheck;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.VtapeFetcher;
import java.nio.file.Path;

/**
 * Where a catalog's dumps are read from, chosen once by a front and handed to the core: the vtape
 * root the catalog names, or, with none, only dumps left on a holding disk (each checked to start
 * like a Coda dump). Keeps Amanda's fetchers out of the fronts.
 *
 * @param fetcher the core's reader of dumps off these media
 */
public record DumpMedia(DumpFetcher fetcher) {

  /** Vtapes under {@code vtapeRoot}, or (null) holding-disk dumps only. */
  public static DumpMedia vtapes(Path vtapeRoot) {
    return new DumpMedia(
        vtapeRoot != null
            ? new VtapeFetcher(vtapeRoot)
            : new VtapeFetcher(null, new CodaDumpCheck()));
  }
}
