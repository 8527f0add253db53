package io.codarestore.ui.volume;

import io.codarestore.catalog.CatalogVolume;
import io.codarestore.core.Datestamp;

/**
 * One line of the volume list.
 *
 * @param lastFull datestamp of the newest good level-0 dump, or null
 * @param lastDump datestamp of the newest dump of any status, or null
 * @param lastDumpLevel its level, or -1
 * @param restorablePoints how many points the volume can be restored to
 * @param fullBytes size of the newest good full dump, or -1
 * @param whyNot for a volume without a restore point: why its newest dump is none (the planner's
 *     words), or null
 */
public record VolumeRow(
    CatalogVolume volume,
    Datestamp lastFull,
    Datestamp lastDump,
    int lastDumpLevel,
    int restorablePoints,
    long fullBytes,
    String whyNot) {
  public String host() {
    return volume.host();
  }

  public String name() {
    return volume.volume();
  }
}
