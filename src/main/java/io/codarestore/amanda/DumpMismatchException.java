package io.codarestore.amanda;

/** The fetched Coda dump's own header does not match the catalog entry (volume, level). */
public final class DumpMismatchException extends FetchException {
  private static final long serialVersionUID = 1L;

  public DumpMismatchException(String message) {
    super(message);
  }

  public DumpMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
