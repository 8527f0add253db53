package io.codarestore.catalog;

import io.codarestore.core.Datestamp;

/**
 * A tape of the current tapelist: label, datestamp of the run that last wrote it (null for a tape
 * never written, {@code 0} in the tapelist), reuse flag.
 */
public record CatalogTape(String label, Datestamp datestamp, boolean reuse, int position) {}
