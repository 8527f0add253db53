package io.codarestore.cli;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.restore.MediaChoice;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the dumps are read from: the options shared by {@code fetch} and {@code restore}. The rule
 * (and the holding-disk case) is the core's {@link MediaChoice}.
 */
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

  /** The choice as the core takes it. */
  MediaChoice choice() {
    return new MediaChoice(vtapes, amfetchdumpConfig);
  }

  /** The fetcher for reading dumps that may be on tape. */
  DumpFetcher fetcher(Catalog catalog, Path db) {
    return fetcher(catalog, db, true);
  }

  /** As {@link MediaChoice#fetcher}; {@code tapesNeeded} false for a dump on the holding disk. */
  DumpFetcher fetcher(Catalog catalog, Path db, boolean tapesNeeded) {
    return choice().fetcher(catalog, db, tapesNeeded, CliPhrases.INSTANCE);
  }
}
