package io.codarestore.catalog;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.AmandaHeaderException;
import io.codarestore.amanda.AmandaLogDump;
import io.codarestore.amanda.AmandaLogPart;
import io.codarestore.amanda.HoldingFiles;
import io.codarestore.amanda.MissingPartException;
import io.codarestore.amanda.Tapelist;
import io.codarestore.amanda.TapelistEntry;
import io.codarestore.amanda.VtapeLibrary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a logged dump was compressed: the log does not say, the dump's own tape header does, and so
 * does Amanda's copy of it in the index directory.
 */
final class CompressionLookup {
  private static final Logger LOG = LoggerFactory.getLogger(CompressionLookup.class);

  private final Path vtapeRoot;
  private final Path indexdir;
  private final Map<String, String> tapelistNow = new HashMap<>();
  private VtapeLibrary vtapeLibrary;
  private boolean vtapesUnusable;

  CompressionLookup(ImportSource source, Tapelist tapelist) {
    this.vtapeRoot = source.vtapeRoot();
    this.indexdir = source.indexdir();
    for (TapelistEntry e : tapelist.entries()) {
      tapelistNow.put(e.label(), e.datestamp());
    }
  }

  /**
   * The compression suffix from the dump's own tape header when the vtapes are at hand and the tape
   * still holds part 1, else from Amanda's copy of the header in the index directory; null if
   * neither says.
   */
  String of(AmandaLogDump d) {
    AmandaLogPart first = firstGoodPart(d);
    if (first != null && first.tapeDatestamp().equals(tapelistNow.get(first.label()))) {
      VtapeLibrary vtapes = vtapes();
      if (vtapes != null) {
        try {
          AmandaFileHeader h =
              AmandaFileHeader.read(vtapes.fileOf(first.label(), first.fileNumber()));
          if (sameDump(h, d)) {
            return h.compSuffix();
          }
        } catch (MissingPartException | AmandaHeaderException e) {
          LOG.debug(
              "no tape header for {}:{} {}: {}", d.host(), d.disk(), d.datestamp(), e.getMessage());
        }
      }
    }
    if (indexdir == null) {
      return null;
    }
    Path header =
        indexdir
            .resolve(HoldingFiles.sanitise(d.host()))
            .resolve(HoldingFiles.sanitise(d.disk()))
            .resolve(d.datestamp() + "_" + d.level() + ".header");
    AmandaFileHeader h = IndexHeaders.read(header);
    return h != null && sameDump(h, d) ? h.compSuffix() : null;
  }

  private VtapeLibrary vtapes() {
    if (vtapeRoot == null || vtapesUnusable) {
      return null;
    }
    if (vtapeLibrary == null) {
      try {
        vtapeLibrary = new VtapeLibrary(vtapeRoot);
      } catch (MissingPartException e) {
        vtapesUnusable = true;
        LOG.warn("vtapes not usable for compression lookups: {}", e.getMessage());
        return null;
      }
    }
    return vtapeLibrary;
  }

  private static AmandaLogPart firstGoodPart(AmandaLogDump d) {
    AmandaLogPart first = null;
    for (AmandaLogPart p : d.parts()) {
      if (!p.broken() && p.partNumber() == 1) {
        first = p;
      }
    }
    return first;
  }

  /** The header describes this dump (a reused tape or a stale index file would not). */
  private static boolean sameDump(AmandaFileHeader h, AmandaLogDump d) {
    return h.isDump()
        && d.datestamp().equals(h.datestamp())
        && d.host().equals(h.host())
        && d.disk().equals(h.disk())
        && d.level() == h.level();
  }
}
