package io.codarestore.dump;

import io.codarestore.core.UserFacingException;

/**
 * A dump that is not what the format says: the message names the file, the byte offset and what was
 * expected there.
 */
public class DumpFormatException extends UserFacingException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final long offset;

  public DumpFormatException(String source, long offset, String problem) {
    super(source + ": offset " + offset + ": " + problem);
    this.source = source;
    this.offset = offset;
  }

  /** The file (or stream) the dump was read from. */
  public String source() {
    return source;
  }

  /** Byte offset in the dump where the problem was found. */
  public long offset() {
    return offset;
  }
}
