package io.codarestore.amanda;

/** The fetched dump could not be written where the user asked. */
public final class FetchOutputException extends FetchException {
  private static final long serialVersionUID = 1L;

  public FetchOutputException(String message) {
    super(message);
  }

  public FetchOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
