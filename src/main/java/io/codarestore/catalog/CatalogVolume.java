package io.codarestore.catalog;

/** A volume (Amanda disk) of a host, with how many dumps the catalog has of it. */
public record CatalogVolume(
    long id,
    String host,
    String volume,
    int dumpCount,
    String firstDatestamp,
    String lastDatestamp) {}
