package io.codarestore.amanda;

/** A tape (label) or a part file that the dump needs is not there or cannot be read. */
public final class MissingPartException extends FetchException {
  private static final long serialVersionUID = 1L;

  public MissingPartException(String message) {
    super(message);
  }

  public MissingPartException(String message, Throwable cause) {
    super(message, cause);
  }
}
