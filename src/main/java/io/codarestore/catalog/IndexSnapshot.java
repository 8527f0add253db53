package io.codarestore.catalog;

import io.codarestore.core.Datestamp;

/**
 * One indexed state of a volume: the tree after a dump ({@link #DUMPS}) or the paths of one of
 * Amanda's index files ({@link #AMANDA_INDEX}).
 */
public record IndexSnapshot(
    long id, long volumeId, String source, Datestamp datestamp, int level, int entryCount) {
  public static final String DUMPS = "dumps";
  public static final String AMANDA_INDEX = "amanda-index";
}
