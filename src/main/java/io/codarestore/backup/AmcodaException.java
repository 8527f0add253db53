package io.codarestore.backup;

import io.codarestore.core.UserFacingException;

/** A step of the Application failed; the message is one line Amanda can show. */
public final class AmcodaException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public AmcodaException(String message) {
    super(message);
  }

  public AmcodaException(String message, Throwable cause) {
    super(message, cause);
  }
}
