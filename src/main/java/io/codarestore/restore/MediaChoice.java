package io.codarestore.restore;

import io.codarestore.amanda.AmfetchdumpFetcher;
import io.codarestore.amanda.CodaDumpCheck;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.ImportSource;
import java.nio.file.Path;

/**
 * Where the dumps are read from, as the user chose it: the vtape root, or Amanda's amfetchdump of a
 * configuration, or (both null) what the catalog was imported from. The one place of the rule for
 * dumps left on the holding disk: they are read from their files, so a chain that lies wholly on
 * the holding disk needs no tapes and no configuration.
 *
 * @param vtapes the vtape root to read, or null
 * @param amfetchdumpConfig the Amanda configuration for amfetchdump (real tape drives), or null
 */
public record MediaChoice(Path vtapes, String amfetchdumpConfig) {
  /** What the catalog says. */
  public static final MediaChoice FROM_CATALOG = new MediaChoice(null, null);

  /**
   * The fetcher: amfetchdump when asked, else the vtape files (given or known to the catalog), else
   * amfetchdump of the catalog's configuration; with {@code tapesNeeded} false (only dumps on the
   * holding disk) a catalog that knows no media still gives a fetcher.
   *
   * @param catalogFile the catalog's file, for the message when it knows no media
   */
  public DumpFetcher fetcher(
      Catalog catalog, Path catalogFile, boolean tapesNeeded, Phrases phrases) {
    if (amfetchdumpConfig != null) {
      return new AmfetchdumpFetcher(amfetchdumpConfig);
    }
    if (vtapes != null) {
      return new VtapeFetcher(vtapes);
    }
    ImportSource src = catalog.source().orElse(null);
    if (src != null && src.vtapeRoot() != null) {
      return new VtapeFetcher(src.vtapeRoot());
    }
    if (src != null && src.configDir() != null) {
      return new AmfetchdumpFetcher(src.configDir().getFileName().toString());
    }
    if (!tapesNeeded) {
      return new VtapeFetcher(null, new CodaDumpCheck());
    }
    throw new RestoreProblem.NoMedia(catalogFile, phrases);
  }
}
