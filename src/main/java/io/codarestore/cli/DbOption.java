package io.codarestore.cli;

import io.codarestore.catalog.CatalogLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by the catalog commands. */
final class DbOption {
  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "Catalog database (default: $XDG_DATA_HOME/coda-restore/catalog.db, or the usual"
              + " application-data directory)")
  Path db;

  Path path() {
    return db != null ? db : CatalogLocation.defaultPath();
  }
}
