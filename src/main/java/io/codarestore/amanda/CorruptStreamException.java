package io.codarestore.amanda;

/** The stored stream cannot be decoded: a gzip stream cut short or damaged. */
public final class CorruptStreamException extends FetchException {
  private static final long serialVersionUID = 1L;

  public CorruptStreamException(String message) {
    super(message);
  }

  public CorruptStreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
