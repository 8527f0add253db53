package io.codarestore.catalog;

import io.codarestore.core.Datestamp;

/**
 * A volume (Amanda disk) of a host, with how many dumps the catalog has of it.
 *
 * @param firstDatestamp the oldest dump's datestamp, null without dumps
 * @param lastDatestamp the newest dump's datestamp, null without dumps
 */
public record CatalogVolume(
    long id,
    String host,
    String volume,
    int dumpCount,
    Datestamp firstDatestamp,
    Datestamp lastDatestamp) {}
