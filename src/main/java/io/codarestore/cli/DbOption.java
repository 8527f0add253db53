package io.codarestore.cli;

import io.codarestore.core.AppPaths;
import io.codarestore.core.SharedDefaults;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --db} option shared by the catalog commands. Its default is the wizard's: the catalog
 * last opened there (or by {@code catalog import}), else the default catalog ({@link
 * SharedDefaults}); {@code --help} prints the resolved one.
 */
final class DbOption {
  /** System properties the help texts print (set by {@link #publishDefaults}). */
  static final String DB_PROPERTY = "coda.restore.help.db";

  static final String WORKSPACE_PROPERTY = "coda.restore.help.workspace";

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "Catalog database (default: the one the wizard last opened, else the default catalog;"
              + " now ${sys:"
              + DB_PROPERTY
              + "})")
  Path db;

  /** The catalog to read. */
  Path path() {
    return db != null ? db : SharedDefaults.load(AppPaths.fromEnvironment()).catalog();
  }

  /** The catalog to import into (never the demo's own catalog by default). */
  Path importPath() {
    return db != null ? db : SharedDefaults.load(AppPaths.fromEnvironment()).importCatalog();
  }

  /** True when no --db was given (the import then remembers its catalog for the next command). */
  boolean isDefault() {
    return db == null;
  }

  /**
   * The restore workspace: {@code explicit} if given; next to the catalog when {@code --db} was
   * given; else the wizard's workspace (one cache of fetched dumps for both fronts).
   */
  Path workspace(Path explicit) {
    if (explicit != null) {
      return explicit;
    }
    if (db != null) {
      return db.toAbsolutePath().getParent().resolve("workspace");
    }
    return SharedDefaults.load(AppPaths.fromEnvironment()).workspace();
  }

  /** Makes the resolved defaults available to the help texts. */
  static void publishDefaults() {
    SharedDefaults d = SharedDefaults.load(AppPaths.fromEnvironment());
    System.setProperty(DB_PROPERTY, d.catalog().toString());
    System.setProperty(WORKSPACE_PROPERTY, d.workspace().toString());
  }
}
