package io.codarestore.catalog;

import io.codarestore.core.Datestamp;

/**
 * One part of a dump as the log recorded it, with what the current tapelist says about its tape.
 *
 * @param tapeDatestamp the datestamp the tape got when this part was written (its run's START taper
 *     line)
 * @param currentTapeDatestamp the tape's datestamp in the current tapelist, or null if the label is
 *     no longer there or was labelled again and not written since ({@code 0} in the tapelist)
 * @param inTapelist the label is in the current tapelist
 * @param broken a PARTPARTIAL part: the tape file exists but is garbage
 */
public record CatalogPart(
    int partNumber,
    String label,
    int fileNumber,
    Datestamp tapeDatestamp,
    long bytes,
    boolean broken,
    String error,
    Datestamp currentTapeDatestamp,
    boolean inTapelist)
    implements CatalogDumpSummary.TapeRef {

  /** A part whose tape is in the tapelist exactly when {@code currentTapeDatestamp} is known. */
  public CatalogPart(
      int partNumber,
      String label,
      int fileNumber,
      Datestamp tapeDatestamp,
      long bytes,
      boolean broken,
      String error,
      Datestamp currentTapeDatestamp) {
    this(
        partNumber,
        label,
        fileNumber,
        tapeDatestamp,
        bytes,
        broken,
        error,
        currentTapeDatestamp,
        currentTapeDatestamp != null);
  }

  /** True if the tape still holds this part: it is in the tapelist with the same datestamp. */
  public boolean onTape() {
    return tapeDatestamp.equals(currentTapeDatestamp);
  }

  /** Why the part cannot be read from tape, or null if it can. */
  public String problem() {
    if (broken) {
      return "part "
          + partNumber
          + " ("
          + label
          + " file "
          + fileNumber
          + ") is a broken partial part";
    }
    if (!inTapelist) {
      return "tape " + label + " is no longer in the tapelist";
    }
    if (currentTapeDatestamp == null) {
      return "tape " + label + " was labelled again and has not been written since";
    }
    if (!onTape()) {
      return "tape " + label + " was overwritten by the run of " + currentTapeDatestamp;
    }
    return null;
  }
}
