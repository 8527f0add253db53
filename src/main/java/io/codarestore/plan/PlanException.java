package io.codarestore.plan;

import io.codarestore.core.UserFacingException;

/** A plan cannot be made: unknown host or volume, or a target date that does not parse. */
public final class PlanException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
