package io.codarestore.plan;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogPart;
import io.codarestore.core.Datestamp;
import java.util.List;

/**
 * One dump of an incremental chain: the catalog record chosen for it (the best copy if several logs
 * recorded it), whether it can be read, and why not.
 *
 * @param parts the parts to read in order (empty if the log lacks them)
 */
public record ChainLink(
    Datestamp datestamp,
    int level,
    DumpStatus status,
    boolean available,
    String reason,
    List<CatalogPart> parts,
    CatalogDump dump) {
  public ChainLink {
    parts = List.copyOf(parts);
  }
}
