package io.codarestore.catalog;

/** A tape of the current tapelist: label, datestamp of the run that last wrote it, reuse flag. */
public record CatalogTape(String label, String datestamp, boolean reuse, int position) {}
