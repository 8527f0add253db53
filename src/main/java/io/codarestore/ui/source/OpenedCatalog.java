package io.codarestore.ui.source;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.ImportSummary;
import java.nio.file.Path;

/**
 * The catalog the wizard works on, where it came from and, when it was just imported, what the
 * import found.
 *
 * @param origin in words, e.g. "Amanda configuration /etc/amanda/daily"
 * @param summary the import's summary, or null when an existing catalog was opened as it was
 * @param vtapeRoot where the vtapes are (from the import source), or null for real tapes
 * @param config the Amanda configuration's name (for amfetchdump commands), or null if unknown
 */
public record OpenedCatalog(
    Catalog catalog,
    String origin,
    ImportSummary summary,
    Catalog.Counts counts,
    Path vtapeRoot,
    String config) {

  public void close() {
    catalog.close();
  }
}
