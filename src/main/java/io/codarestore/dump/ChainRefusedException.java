package io.codarestore.dump;

import io.codarestore.core.UserFacingException;

/** A chain of dumps that must not be merged: the message names the dumps and why. */
public class ChainRefusedException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public ChainRefusedException(String message) {
    super(message);
  }
}
