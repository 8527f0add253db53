package io.codarestore.amanda;

/** A size or CRC-32C of the fetched stream differs from what Amanda recorded. */
public final class ChecksumMismatchException extends FetchException {
  private static final long serialVersionUID = 1L;

  public ChecksumMismatchException(String message) {
    super(message);
  }

  public ChecksumMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
