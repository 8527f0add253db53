package io.codarestore.catalog;

/**
 * One part of a dump as the log recorded it, with what the current tapelist says about its tape.
 *
 * @param tapeDatestamp the datestamp the tape got when this part was written (its run's START taper
 *     line)
 * @param currentTapeDatestamp the tape's datestamp in the current tapelist, or null if the label is
 *     no longer in the tapelist
 * @param broken a PARTPARTIAL part: the tape file exists but is garbage
 */
public record CatalogPart(
    int partNumber,
    String label,
    int fileNumber,
    String tapeDatestamp,
    long bytes,
    boolean broken,
    String error,
    String currentTapeDatestamp)
    implements DumpSummary.TapeRef {

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
    if (currentTapeDatestamp == null) {
      return "tape " + label + " is no longer in the tapelist";
    }
    if (!onTape()) {
      return "tape " + label + " was overwritten by the run of " + currentTapeDatestamp;
    }
    return null;
  }
}
