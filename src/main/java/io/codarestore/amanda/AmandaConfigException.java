package io.codarestore.amanda;

import io.codarestore.core.UserFacingException;

/** amanda.conf is missing, unreadable, or lacks a setting the catalog needs. */
public final class AmandaConfigException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public AmandaConfigException(String message) {
    super(message);
  }

  public AmandaConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
