package io.codarestore.amanda;

/** A part file holds fewer bytes than the dump needs (cut short, or a dead partial part). */
public final class TruncatedPartException extends FetchException {
  private static final long serialVersionUID = 1L;

  public TruncatedPartException(String message) {
    super(message);
  }

  public TruncatedPartException(String message, Throwable cause) {
    super(message, cause);
  }
}
