package io.codarestore.ui;

import io.codarestore.catalog.AmandaSetup;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.ui.demo.DemoInstaller;
import java.nio.file.Path;

/** The built-in demo unpacked into {@code dir} and imported: a real catalog for view models. */
public final class DemoCatalog {
  private DemoCatalog() {}

  public static Catalog open(Path dir) {
    DemoInstaller.DemoInstall d =
        new DemoInstaller()
            .install(dir.resolve("demo"), ProgressListener.NONE, Cancellation.none());
    Catalog c = Catalog.open(dir.resolve("catalog.db"));
    new CatalogImporter(c).importFrom(AmandaSetup.importSource(d.configDir()));
    return c;
  }
}
