package io.codarestore.amanda;

/**
 * Where one part of a dump lies: tape label and tape file number, as the {@code PART taper} line of
 * the log says.
 *
 * @param partNumber the part number, counting from 1
 * @param label the tape label, e.g. {@code CODA-03}
 * @param fileNumber the tape file number (1 is the first dump file; 0 is the label)
 * @param bytes the part's size in bytes as logged ({@code bytes} of the PART line), or -1 when not
 *     known
 */
public record PartLocation(int partNumber, String label, int fileNumber, long bytes) {
  public PartLocation {
    if (partNumber < 1) {
      throw new IllegalArgumentException("part numbers start at 1, got " + partNumber);
    }
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("a part needs a tape label");
    }
    if (fileNumber < 1) {
      throw new IllegalArgumentException(
          "dump parts are tape files 1 and up, got " + fileNumber + " on " + label);
    }
    if (bytes < -1) {
      throw new IllegalArgumentException("part size must be -1 (unknown) or more, got " + bytes);
    }
  }

  /** A part whose size is not known. */
  public PartLocation(int partNumber, String label, int fileNumber) {
    this(partNumber, label, fileNumber, -1);
  }

  @Override
  public String toString() {
    return "part " + partNumber + " on " + label + " file " + fileNumber;
  }
}
