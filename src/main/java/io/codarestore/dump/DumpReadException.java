package io.codarestore.dump;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A dump could not be read (an I/O error, not a format error): names the file and the offset, so
 * that an error while merging or extracting says which input failed, not only which output.
 */
public final class DumpReadException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public DumpReadException(String source, long offset, IOException cause) {
    super(source + ": read failed at offset " + offset + ": " + cause.getMessage(), cause);
    this.source = source;
  }

  /** The file (or stream) that could not be read. */
  public String source() {
    return source;
  }
}
