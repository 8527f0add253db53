package io.codarestore.amanda;

/** A part file's Amanda header does not describe the part the catalog says is there. */
public final class HeaderMismatchException extends FetchException {
  private static final long serialVersionUID = 1L;

  public HeaderMismatchException(String message) {
    super(message);
  }

  public HeaderMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
