package io.codarestore.cli;

import io.codarestore.amanda.AmfetchdumpFetcher;
import io.codarestore.amanda.CodaDumpCheck;
import io.codarestore.amanda.DumpFetcher;
import io.codarestore.amanda.VtapeFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.ImportSource;
import io.codarestore.core.UserFacingException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the dumps are read from: the options shared by {@code fetch} and {@code restore}. */
final class MediaOptions {
  @Option(
      names = "--vtapes",
      paramLabel = "DIR",
      description = "vtape root to read (default: the one the catalog was imported with)")
  Path vtapes;

  @Option(
      names = "--amfetchdump",
      paramLabel = "CONFIG",
      description = "read through Amanda's amfetchdump (real tape drives) as the backup user")
  String amfetchdumpConfig;

  /**
   * The fetcher: amfetchdump when asked, else the vtape files (given or known to the catalog), else
   * amfetchdump of the catalog's configuration. Dumps left on the holding disk are read from their
   * files by the vtape fetcher, which needs no vtapes for them; amfetchdump finds them itself.
   */
  DumpFetcher fetcher(Catalog catalog, Path db) {
    return fetcher(catalog, db, true);
  }

  /**
   * As {@link #fetcher(Catalog, Path)}; with {@code tapesNeeded} false (a dump read from the
   * holding disk) a catalog that knows no media still gives a fetcher.
   */
  DumpFetcher fetcher(Catalog catalog, Path db, boolean tapesNeeded) {
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
    throw new UserFacingException(
        db + " does not say where the vtapes are; pass --vtapes DIR or --amfetchdump CONFIG");
  }
}
