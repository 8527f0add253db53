package io.codarestore.amanda;

/**
 * One line of Amanda's tapelist: a tape, the datestamp of the run that last wrote it ({@code "0"}
 * if it was labelled but never written) and whether it may be overwritten.
 *
 * @param blocksizeKb the {@code BLOCKSIZE:} value in KiB, or -1 if absent
 * @param pool the {@code POOL:} value or null
 * @param storage the {@code STORAGE:} value or null
 * @param config the {@code CONFIG:} value or null
 * @param barcode the {@code BARCODE:} value or null
 * @param comment the trailing {@code #comment} or null
 * @param position 0 for the first (newest) line of the file
 */
public record TapelistEntry(
    String datestamp,
    String label,
    boolean reuse,
    int blocksizeKb,
    String pool,
    String storage,
    String config,
    String barcode,
    String comment,
    int position) {

  /** True if the tape was ever written (its datestamp is not "0"). */
  public boolean written() {
    return !datestamp.equals("0");
  }
}
