package io.codarestore.amanda;

/** The dump was compressed or encrypted in a way this program cannot undo itself. */
public final class UnsupportedCompressionException extends FetchException {
  private static final long serialVersionUID = 1L;

  public UnsupportedCompressionException(String message) {
    super(message);
  }

  public UnsupportedCompressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
