package io.codarestore.ui.source;

import io.codarestore.catalog.AmandaSetup;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogImporter;
import io.codarestore.catalog.ImportSource;
import io.codarestore.catalog.ImportSummary;
import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.ui.demo.DemoInstaller;
import java.nio.file.Path;
import javafx.concurrent.Task;

/**
 * Opens the source the user chose: unpacks the demo if asked, imports the Amanda records into the
 * catalog (one transaction, done by the catalog package) or opens an existing catalog.
 */
final class ImportTask extends Task<OpenedCatalog> {
  private final SourceRequest request;
  private final Path demoDir;
  private final DemoInstaller demo;
  private final Cancellation cancel = new Cancellation();

  ImportTask(SourceRequest request, Path demoDir, DemoInstaller demo) {
    this.request = request;
    this.demoDir = demoDir;
    this.demo = demo;
  }

  @Override
  protected OpenedCatalog call() {
    switch (request.kind()) {
      case CATALOG:
        {
          updateMessage("Opening " + request.catalog() + " …");
          Catalog c = Catalog.openExisting(request.catalog());
          return opened(c, "catalog " + request.catalog(), null, null);
        }
      case CONFIG:
        {
          return importInto(
              request.catalog(),
              AmandaSetup.importSource(request.configDir()),
              "Amanda configuration " + request.configDir(),
              null);
        }
      case PATHS:
        return importInto(
            request.catalog(),
            ImportSource.of(request.logdir(), request.tapelist(), request.vtapeRoot()),
            "Amanda logs in " + request.logdir(),
            null);
      case DEMO:
        {
          updateMessage("Unpacking the demo into " + demoDir + " …");
          DemoInstaller.DemoInstall install = demo.install(demoDir, ProgressListener.NONE, cancel);
          return importInto(
              install.root().resolve("catalog.db"),
              AmandaSetup.importSource(install.configDir()),
              "built-in demo (" + install.description() + ")",
              install.configName());
        }
      default:
        throw new IllegalStateException("unknown source " + request.kind());
    }
  }

  private OpenedCatalog importInto(
      Path catalogFile, ImportSource source, String origin, String configName) {
    updateMessage("Importing Amanda's records into " + catalogFile + " …");
    Catalog c = Catalog.open(catalogFile);
    try {
      ImportSummary summary = new CatalogImporter(c).importFrom(source);
      return opened(c, origin, summary, configName);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static OpenedCatalog opened(
      Catalog c, String origin, ImportSummary summary, String configName) {
    ImportSource source = c.source().orElse(null);
    Path vtapes = source == null ? null : source.vtapeRoot();
    Path configDir = source == null ? null : source.configDir();
    String config =
        configName != null
            ? configName
            : configDir == null || configDir.getFileName() == null
                ? null
                : configDir.getFileName().toString();
    return new OpenedCatalog(c, origin, summary, c.counts(), vtapes, config);
  }

  @Override
  protected void cancelled() {
    cancel.cancel();
  }
}
