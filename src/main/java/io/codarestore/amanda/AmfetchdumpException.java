package io.codarestore.amanda;

/** Amanda's amfetchdump could not be run or failed. */
public final class AmfetchdumpException extends FetchException {
  private static final long serialVersionUID = 1L;

  public AmfetchdumpException(String message) {
    super(message);
  }

  public AmfetchdumpException(String message, Throwable cause) {
    super(message, cause);
  }
}
