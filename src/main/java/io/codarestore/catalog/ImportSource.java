package io.codarestore.catalog;

import io.codarestore.amanda.AmandaConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What to import: the log directory (with its {@code oldlog/}), the tapelist, and where known the
 * vtape root, index directory, info file and holding disks. Either read from an Amanda
 * configuration or given explicitly.
 */
public record ImportSource(
    Path configDir,
    Path logdir,
    Path tapelist,
    Path vtapeRoot,
    Path indexdir,
    Path infofile,
    List<Path> holdingDirs) {
  public ImportSource {
    holdingDirs = List.copyOf(holdingDirs);
  }

  /** Explicit paths (no configuration directory). */
  public static ImportSource of(Path logdir, Path tapelist, Path vtapeRoot) {
    return new ImportSource(null, logdir, tapelist, vtapeRoot, null, null, List.of());
  }

  /** The paths an amanda.conf names. */
  public static ImportSource of(AmandaConfig config) {
    return new ImportSource(
        config.configDir(),
        config.logdir(),
        config.tapelist(),
        config.vtapeRoot(),
        config.indexdir(),
        config.infofile(),
        config.holdingDirs());
  }
}
