package io.codarestore.amanda;

import io.codarestore.core.UserFacingException;

/** A 32 KiB Amanda file header that cannot be read: not Amanda's, cut short, or malformed. */
public final class AmandaHeaderException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public AmandaHeaderException(String message) {
    super(message);
  }

  public AmandaHeaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
